package io.scanflow.reports.sink;

import io.scanflow.contract.DeadLetterSubject;
import io.scanflow.contract.DlqHeaders;
import io.scanflow.contract.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * An input record the sink sends to the DLQ instead of its tables, with the reason: it could not be
 * read, or the database refused it. Retrying it could never succeed.
 */
public record DeadLetter(
    ConsumerRecord<String, byte[]> record, String errorClass, String errorMessage) {
  /** The {@code stage} header of the DLQ records the sink writes. */
  public static final String STAGE = "reports-sink";

  /** The dead letter of {@code record} that failed with {@code error}. */
  public static DeadLetter of(ConsumerRecord<String, byte[]> record, Throwable error) {
    return new DeadLetter(record, error.getClass().getName(), ErrorText.of(error));
  }

  /**
   * The DLQ record: original key, bytes and headers, plus the {@link DlqHeaders} written the same
   * way as the streams applications write them. Its timestamp is the time of sending (the
   * producer's), so that the DLQ's 30-day retention and the warnings count from when it failed.
   */
  public ProducerRecord<String, byte[]> toDeadLetter() {
    Headers headers =
        DlqHeaders.of(
            record.headers(),
            STAGE,
            errorClass,
            errorMessage,
            new DlqHeaders.Source(record.topic(), record.partition(), record.offset()),
            siteId());
    return new ProducerRecord<>(
        Topics.SERVER_EVENTS_DLQ.name(), null, null, record.key(), record.value(), headers);
  }

  /** The record's site, when it can be read. */
  public String siteId() {
    return DeadLetterSubject.of(record.topic(), record.key(), record.value()).siteId();
  }

  /** Whether the record came from the DLQ itself, where it must never go back (no loops). */
  public boolean fromDeadLetterTopic() {
    return Topics.SERVER_EVENTS_DLQ.name().equals(record.topic());
  }

  /** Where the record was read, for log lines. */
  public String position() {
    return record.topic() + "-" + record.partition() + "@" + record.offset();
  }
}
