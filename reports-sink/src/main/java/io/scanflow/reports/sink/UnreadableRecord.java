package io.scanflow.reports.sink;

import io.scanflow.contract.DeadLetterSubject;
import io.scanflow.contract.DlqHeaders;
import io.scanflow.contract.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

/** An input record the sink cannot read, with the reason; it goes to the DLQ, never retried. */
public record UnreadableRecord(ConsumerRecord<String, byte[]> record, RuntimeException error) {
  /** The {@code stage} header of the DLQ records the sink writes. */
  public static final String STAGE = "reports-sink";

  /**
   * The DLQ record: original key, bytes, timestamp and headers, plus the {@link DlqHeaders} written
   * the same way as the streams applications write them.
   */
  public ProducerRecord<String, byte[]> toDeadLetter() {
    DeadLetterSubject subject = DeadLetterSubject.of(record.topic(), record.key(), record.value());
    Headers headers =
        DlqHeaders.of(
            record.headers(),
            STAGE,
            error.getClass().getName(),
            error.getMessage(),
            new DlqHeaders.Source(record.topic(), record.partition(), record.offset()),
            subject.siteId());
    return new ProducerRecord<>(
        Topics.SERVER_EVENTS_DLQ.name(),
        null,
        record.timestamp() < 0 ? null : record.timestamp(),
        record.key(),
        record.value(),
        headers);
  }

  /** Where the record was read, for log lines. */
  public String position() {
    return record.topic() + "-" + record.partition() + "@" + record.offset();
  }
}
