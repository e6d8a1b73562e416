package io.scanflow.dedupe;

import io.scanflow.contract.DuplicateEvent;
import io.scanflow.contract.IngestedEvent;
import io.scanflow.contract.PipelineHeaders;
import io.scanflow.contract.Topics;
import io.scanflow.streams.OutputRecords;
import io.scanflow.streams.RecordSizeLimit;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Decides per receipt whether it is the counted copy of its {@code (site_id, event_id)} or a
 * duplicate, remembering counted ids in a window store keyed {@code site/event}.
 *
 * <p>Each output is serialised before the store is written or anything is forwarded: when that
 * fails, the receipt is dead-lettered by the guard and leaves no trace (a remembered id without its
 * counted copy would make a resend a duplicate of nothing).
 */
final class DedupeProcessor implements Processor<String, IngestedEvent, byte[], byte[]> {
  private final Duration window;
  private final DedupeMetrics metrics;
  private ProcessorContext<byte[], byte[]> context;
  private WindowStore<String, FirstReceipt> firstReceipts;
  private OutputRecords outputs;

  DedupeProcessor(Duration window, DedupeMetrics metrics) {
    this.window = window;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
    this.firstReceipts = context.getStateStore(DedupeTopology.FIRST_RECEIPTS_STORE);
    this.outputs = new OutputRecords(RecordSizeLimit.of(context.appConfigs()));
  }

  @Override
  public void process(Record<String, IngestedEvent> record) {
    metrics.recordIn();
    IngestedEvent event = record.value();
    Record<String, IngestedEvent> stamped = stampDeduplicatedAt(record);
    if (event.eventIdGenerated()) {
      // The server made this id up: no resend can carry it, so there is nothing to remember.
      forwardUnique(unique(stamped));
      return;
    }
    String key = event.eventKey();
    FirstReceipt first = findFirst(key, record.timestamp());
    if (first != null) {
      DuplicateEvent duplicate = new DuplicateEvent(event, first.ingestId(), first.receivedAt());
      Record<byte[], byte[]> out =
          outputs.serialize(
              stamped.withKey(key).withValue(duplicate), Topics.SERVER_EVENTS_DUPLICATES);
      metrics.duplicate();
      context.forward(out, DedupeTopology.DUPLICATES_SINK);
      return;
    }
    Record<byte[], byte[]> out = unique(stamped);
    // Stored under the receipt's own timestamp only: a later duplicate never extends the window.
    firstReceipts.put(
        key, new FirstReceipt(event.ingestId(), event.receivedAt()), record.timestamp());
    forwardUnique(out);
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

  /** The counted copy, re-keyed by its scan session so that attribution needs no repartition. */
  private Record<byte[], byte[]> unique(Record<String, IngestedEvent> record) {
    return outputs.serialize(
        record.withKey(record.value().sessionKey()), Topics.SERVER_EVENTS_UNIQUE);
  }

  private void forwardUnique(Record<byte[], byte[]> record) {
    metrics.unique();
    context.forward(record, DedupeTopology.UNIQUE_SINK);
  }

  private Record<String, IngestedEvent> stampDeduplicatedAt(Record<String, IngestedEvent> record) {
    Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
    PipelineHeaders.stampDeduplicatedAt(record.headers(), now);
    return record;
  }
}
