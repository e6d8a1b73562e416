package io.scanflow.dedupe;

import io.scanflow.contract.DuplicateEvent;
import io.scanflow.contract.IngestedEvent;
import io.scanflow.contract.PipelineHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Decides per receipt whether it is the counted copy of its {@code (site_id, event_id)} or a
 * duplicate, remembering counted ids in a window store keyed {@code site/event}.
 */
final class DedupeProcessor implements Processor<String, IngestedEvent, String, Object> {
  private final Duration window;
  private final DedupeMetrics metrics;
  private ProcessorContext<String, Object> context;
  private WindowStore<String, FirstReceipt> firstReceipts;

  DedupeProcessor(Duration window, DedupeMetrics metrics) {
    this.window = window;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.firstReceipts = context.getStateStore(DedupeTopology.FIRST_RECEIPTS_STORE);
  }

  @Override
  public void process(Record<String, IngestedEvent> record) {
    metrics.recordIn();
    IngestedEvent event = record.value();
    Record<String, IngestedEvent> stamped = stampDeduplicatedAt(record);
    if (event.eventIdGenerated()) {
      // The server made this id up: no resend can carry it, so there is nothing to remember.
      forwardUnique(stamped);
      return;
    }
    String key = event.eventKey();
    FirstReceipt first = findFirst(key, record.timestamp());
    if (first != null) {
      metrics.duplicate();
      DuplicateEvent duplicate = new DuplicateEvent(event, first.ingestId(), first.receivedAt());
      context.forward(stamped.withKey(key).withValue(duplicate), DedupeTopology.DUPLICATES_SINK);
      return;
    }
    // Stored under the receipt's own timestamp only: a later duplicate never extends the window.
    firstReceipts.put(
        key, new FirstReceipt(event.ingestId(), event.receivedAt()), record.timestamp());
    forwardUnique(stamped);
  }

  /**
   * A counted copy within {@code window} on either side of {@code timestamp}: receipts may be out
   * of timestamp order within a partition, and partition order decides which one counts.
   */
  private FirstReceipt findFirst(String key, long timestamp) {
    long from = Math.max(0, timestamp - window.toMillis());
    long to =
        timestamp > Long.MAX_VALUE - window.toMillis()
            ? Long.MAX_VALUE
            : timestamp + window.toMillis();
    try (WindowStoreIterator<FirstReceipt> found = firstReceipts.fetch(key, from, to)) {
      return found.hasNext() ? found.next().value : null;
    }
  }

  private void forwardUnique(Record<String, IngestedEvent> record) {
    metrics.unique();
    String sessionKey = record.value().scanSessionId().toLowerCase(Locale.ROOT);
    context.forward(record.withKey(sessionKey), DedupeTopology.UNIQUE_SINK);
  }

  private Record<String, IngestedEvent> stampDeduplicatedAt(Record<String, IngestedEvent> record) {
    byte[] now =
        Instant.ofEpochMilli(context.currentSystemTimeMs())
            .toString()
            .getBytes(StandardCharsets.UTF_8);
    record
        .headers()
        .remove(PipelineHeaders.DEDUPLICATED_AT)
        .add(PipelineHeaders.DEDUPLICATED_AT, now);
    return record;
  }
}
