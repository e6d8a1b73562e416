package io.scanflow.streams;

import io.scanflow.contract.TopicDescriptor;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Serialises a stage's output records with their topic's serdes <em>inside</em> the stage's
 * processor, before anything is stored or sent: a value that cannot be written, or a record too
 * large for the producer, then fails that input record (which {@link GuardedProcessor}
 * dead-letters) instead of failing in the sink, where only the whole transaction could give up. The
 * sinks behind it only pass bytes on.
 */
public final class OutputRecords {
  private final RecordSizeLimit limit;

  public OutputRecords(RecordSizeLimit limit) {
    this.limit = limit;
  }

  /**
   * The record as its topic's bytes, with the same timestamp and headers.
   *
   * @throws org.apache.kafka.common.errors.SerializationException when the value cannot be written
   * @throws RecordTooLargeException when the record would be over the {@link RecordSizeLimit}
   */
  public <K, V> Record<byte[], byte[]> serialize(Record<K, V> record, TopicDescriptor<K, V> topic) {
    byte[] key = topic.keySerde().serializer().serialize(topic.name(), record.key());
    byte[] value =
        topic.valueSerde().serializer().serialize(topic.name(), record.headers(), record.value());
    long size = RecordSizeLimit.sizeOf(key, value, record.headers());
    if (!limit.fits(size)) {
      throw new RecordTooLargeException(
          "A "
              + topic.name()
              + " record of "
              + size
              + " bytes is over the limit of "
              + limit.maxBytes()
              + " bytes");
    }
    return new Record<>(key, value, record.timestamp(), record.headers());
  }
}
