package io.scanflow.attribution;

import io.scanflow.contract.AttributedEvent;
import io.scanflow.contract.Attribution;
import io.scanflow.contract.DlqHeaders;
import io.scanflow.contract.IngestedEvent;
import io.scanflow.contract.PipelineHeaders;
import io.scanflow.contract.ScanSession;
import io.scanflow.contract.Topics;
import io.scanflow.streams.DeadLetterRoute;
import io.scanflow.streams.DeadLetters;
import io.scanflow.streams.OutputRecords;
import io.scanflow.streams.RecordFailures;
import io.scanflow.streams.RecordSizeLimit;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Decides an event's attribution and forwards it to {@code server-events-attributed}, serialised
 * before it is sent so that an event whose output cannot be written fails alone.
 */
final class Outcomes {
  private final ProcessorContext<byte[], byte[]> context;
  private final SiteWindows siteWindows;
  private final AttributionMetrics metrics;
  private final OutputRecords outputs;
  private final DeadLetters deadLetters;

  Outcomes(
      ProcessorContext<byte[], byte[]> context,
      AttributionMetrics metrics,
      DeadLetterRoute deadLetterRoute) {
    this.context = context;
    this.siteWindows = new SiteWindows(context.getStateStore(AttributionTopology.SITES_STORE));
    this.metrics = metrics;
    this.outputs = new OutputRecords(RecordSizeLimit.of(context.appConfigs()));
    this.deadLetters = new DeadLetters(context, deadLetterRoute);
  }

  /**
   * Emits an event read just now, keeping the input record's timestamp and headers. Throws, before
   * anything is sent, when its output cannot be built: the guard then dead-letters the input.
   */
  void emit(Record<?, IngestedEvent> record, ScanSession session) {
    IngestedEvent event = record.value();
    AttributedEvent attributed = attributed(event, session);
    send(serialize(record.withKey(event.eventKey()).withValue(attributed)), attributed);
  }

  /**
   * Builds, without sending, the provisional record of an event that starts waiting for its session
   * ({@code pending} until {@code pendingUntil}); throws, like {@link #emit}, when it cannot be
   * written, and then the final record could not be either.
   */
  Record<byte[], byte[]> pending(Record<?, IngestedEvent> record, Instant pendingUntil) {
    IngestedEvent event = record.value();
    AttributedEvent provisional =
        new AttributedEvent(
            event,
            Attribution.pending(pendingUntil),
            Instant.ofEpochMilli(context.currentSystemTimeMs()));
    return serialize(record.withKey(event.eventKey()).withValue(provisional));
  }

  /** Sends a provisional record: not an outcome, so not counted as one. */
  void sendPending(Record<byte[], byte[]> record) {
    context.forward(record, AttributionTopology.ATTRIBUTED_SINK);
  }

  /**
   * Emits an event that waited in the pending store, restoring what its input record carried; when
   * its output cannot be built, dead-letters it instead (no input record is there to fail with it).
   */
  void release(PendingEvent pending, ScanSession session) {
    IngestedEvent event = pending.event();
    AttributedEvent attributed;
    Record<byte[], byte[]> out;
    try {
      attributed = attributed(event, session);
      out =
          serialize(
              new Record<>(
                  event.eventKey(), attributed, pending.recordTimestamp(), headersOf(pending)));
    } catch (RuntimeException e) {
      if (!RecordFailures.isRecordFailure(e)) {
        throw e;
      }
      deadLetters.send(deadLetterOf(pending, e), e);
      return;
    }
    send(out, attributed);
  }

  private AttributedEvent attributed(IngestedEvent event, ScanSession session) {
    Attribution attribution =
        AttributionRules.attribute(event, session, siteWindows.windowDays(event.siteId()));
    return new AttributedEvent(
        event, attribution, Instant.ofEpochMilli(context.currentSystemTimeMs()));
  }

  private void send(Record<byte[], byte[]> record, AttributedEvent attributed) {
    metrics.outcome(attributed.attribution());
    context.forward(record, AttributionTopology.ATTRIBUTED_SINK);
  }

  private Record<byte[], byte[]> serialize(Record<String, AttributedEvent> record) {
    return outputs.serialize(record, Topics.SERVER_EVENTS_ATTRIBUTED);
  }

  private static Headers headersOf(PendingEvent pending) {
    RecordHeaders headers = new RecordHeaders();
    if (pending.deduplicatedAt() != null) {
      PipelineHeaders.stampDeduplicatedAt(headers, pending.deduplicatedAt());
    }
    return headers;
  }

  /**
   * A parked event as a dead letter: its raw bytes were not kept while it waited, so the value is
   * the event as the stage read it, written again with the contract serde.
   */
  private static DeadLetters.DeadLetter deadLetterOf(PendingEvent pending, RuntimeException e) {
    IngestedEvent event = pending.event();
    byte[] key = event.sessionKey().getBytes(StandardCharsets.UTF_8);
    DlqHeaders.Source source =
        pending.sourceOffset() == null
            ? null
            : new DlqHeaders.Source(
                Topics.SERVER_EVENTS_UNIQUE.name(),
                pending.sourcePartition(),
                pending.sourceOffset());
    return new DeadLetters.DeadLetter(
        key,
        valueOf(event),
        headersOf(pending).toArray(),
        pending.recordTimestamp(),
        source,
        e.getClass().getName(),
        e.getMessage());
  }

  private static byte[] valueOf(IngestedEvent event) {
    try {
      return Topics.SERVER_EVENTS_UNIQUE.valueSerde().serializer().serialize("", event);
    } catch (SerializationException unwritable) {
      return null;
    }
  }
}
