package io.scanflow.attribution;

import io.scanflow.contract.IngestedEvent;
import io.scanflow.contract.PipelineHeaders;
import io.scanflow.contract.ScanSession;
import io.scanflow.streams.DeadLetterRoute;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Attributes each unique event to its scan session, or parks it in the pending store until the
 * session arrives; a wall-clock punctuator gives up on parked events after the pending timeout. A
 * parked event is also sent at once as a provisional {@code pending} record (pipeline.md section 3,
 * "Pending is visible"), which its final record replaces. Every output is built before anything
 * changes, so an event whose output cannot be written fails alone and leaves nothing behind.
 */
final class EventAttributionProcessor implements Processor<String, IngestedEvent, byte[], byte[]> {
  private final Duration pendingTimeout;
  private final AttributionMetrics metrics;
  private final DeadLetterRoute deadLetterRoute;
  private ProcessorContext<byte[], byte[]> context;
  private KeyValueStore<String, ScanSession> sessions;
  private KeyValueStore<String, PendingEvent> pending;
  private Outcomes outcomes;
  private String taskId;

  EventAttributionProcessor(
      Duration pendingTimeout, AttributionMetrics metrics, DeadLetterRoute deadLetterRoute) {
    this.pendingTimeout = pendingTimeout;
    this.metrics = metrics;
    this.deadLetterRoute = deadLetterRoute;
  }

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
    this.sessions = context.getStateStore(AttributionTopology.SESSIONS_STORE);
    this.pending = context.getStateStore(AttributionTopology.PENDING_STORE);
    this.outcomes = new Outcomes(context, metrics, deadLetterRoute);
    this.taskId = context.taskId().toString();
    context.schedule(punctuationInterval(), PunctuationType.WALL_CLOCK_TIME, this::expirePending);
  }

  @Override
  public void process(Record<String, IngestedEvent> record) {
    metrics.eventIn();
    IngestedEvent event = record.value();
    String sessionId = event.sessionKey();
    ScanSession session = sessions.get(sessionId);
    if (session != null) {
      outcomes.emit(record, session);
      return;
    }
    Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
    Record<byte[], byte[]> provisional = outcomes.pending(record, now.plus(pendingTimeout));
    Optional<RecordMetadata> source = context.recordMetadata();
    pending.put(
        PendingKeys.of(sessionId, event.eventKey()),
        new PendingEvent(
            event,
            now,
            record.timestamp(),
            PipelineHeaders.deduplicatedAt(record.headers()).orElse(null),
            source.map(RecordMetadata::partition).orElse(null),
            source.map(RecordMetadata::offset).orElse(null)));
    outcomes.sendPending(provisional);
  }

  /** Emits every parked event that has waited at least the timeout, and counts the rest. */
  private void expirePending(long now) {
    List<KeyValue<String, PendingEvent>> expired = new ArrayList<>();
    long waiting = 0;
    try (KeyValueIterator<String, PendingEvent> all = pending.all()) {
      while (all.hasNext()) {
        KeyValue<String, PendingEvent> entry = all.next();
        if (now - entry.value.pendingSince().toEpochMilli() >= pendingTimeout.toMillis()) {
          expired.add(entry);
        } else {
          waiting++;
        }
      }
    }
    for (KeyValue<String, PendingEvent> entry : expired) {
      pending.delete(entry.key);
      outcomes.release(entry.value, null);
    }
    metrics.pending(taskId, waiting);
  }

  private Duration punctuationInterval() {
    long tenth = pendingTimeout.toMillis() / 10;
    return Duration.ofMillis(Math.max(100, Math.min(1000, tenth)));
  }

  @Override
  public void close() {
    metrics.taskClosed(taskId);
  }
}
