package io.scanflow.reports.sink;

import io.scanflow.contract.DlqHeaders;
import io.scanflow.contract.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** An input record the sink cannot read, with the reason; it goes to the DLQ, never retried. */
public record UnreadableRecord(ConsumerRecord<String, byte[]> record, RuntimeException error) {
  /** The {@code stage} header of the DLQ records the sink writes. */
  public static final String STAGE = "reports-sink";

  // Same limit as the streams' ContractRecordReader: a header, not a log.
  private static final int MAX_ERROR_LENGTH = 1000;

  /**
   * The DLQ record: original key, bytes, timestamp and headers, plus the {@link DlqHeaders} written
   * the same way as the streams applications write them.
   */
  public ProducerRecord<String, byte[]> toDeadLetter() {
    Headers headers = new RecordHeaders(record.headers().toArray());
    String errorClass = error.getClass().getName();
    put(
        headers,
        DlqHeaders.ERROR,
        truncate(error.getMessage() == null ? errorClass : error.getMessage()));
    put(headers, DlqHeaders.ERROR_CLASS, errorClass);
    put(headers, DlqHeaders.SOURCE_TOPIC, record.topic());
    put(headers, DlqHeaders.SOURCE_PARTITION, Integer.toString(record.partition()));
    put(headers, DlqHeaders.SOURCE_OFFSET, Long.toString(record.offset()));
    put(headers, DlqHeaders.STAGE, STAGE);
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

  private static void put(Headers headers, String name, String value) {
    headers.remove(name).add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  private static String truncate(String text) {
    return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
  }
}
