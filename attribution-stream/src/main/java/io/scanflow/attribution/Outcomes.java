package io.scanflow.attribution;

import io.scanflow.contract.AttributedEvent;
import io.scanflow.contract.Attribution;
import io.scanflow.contract.IngestedEvent;
import io.scanflow.contract.PipelineHeaders;
import io.scanflow.contract.ScanSession;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Decides an event's attribution and forwards it to {@code server-events-attributed}. */
final class Outcomes {
  private final ProcessorContext<String, AttributedEvent> context;
  private final SiteWindows siteWindows;
  private final AttributionMetrics metrics;

  Outcomes(
      ProcessorContext<String, AttributedEvent> context,
      SiteWindows siteWindows,
      AttributionMetrics metrics) {
    this.context = context;
    this.siteWindows = siteWindows;
    this.metrics = metrics;
  }

  /** Emits an event read just now, keeping the input record's timestamp and headers. */
  void emit(Record<?, IngestedEvent> record, ScanSession session) {
    IngestedEvent event = record.value();
    forward(record.withKey(event.eventKey()).withValue(attributed(event, session)));
  }

  /** Emits an event that waited in the pending store, restoring what its input record carried. */
  void emit(PendingEvent pending, ScanSession session) {
    RecordHeaders headers = new RecordHeaders();
    if (pending.deduplicatedAt() != null) {
      headers.add(
          PipelineHeaders.DEDUPLICATED_AT,
          pending.deduplicatedAt().getBytes(StandardCharsets.UTF_8));
    }
    IngestedEvent event = pending.event();
    forward(
        new Record<>(
            event.eventKey(), attributed(event, session), pending.recordTimestamp(), headers));
  }

  private AttributedEvent attributed(IngestedEvent event, ScanSession session) {
    Attribution attribution =
        AttributionRules.attribute(event, session, siteWindows.windowDays(event.siteId()));
    metrics.outcome(attribution);
    return new AttributedEvent(
        event, attribution, Instant.ofEpochMilli(context.currentSystemTimeMs()));
  }

  private void forward(Record<String, AttributedEvent> record) {
    context.forward(record, AttributionTopology.ATTRIBUTED_SINK);
  }
}
