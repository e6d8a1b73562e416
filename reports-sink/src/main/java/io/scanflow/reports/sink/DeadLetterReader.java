package io.scanflow.reports.sink;

import io.scanflow.contract.DeadLetterSubject;
import io.scanflow.contract.DlqHeaders;
import io.scanflow.reports.store.DeadLetterRow;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * Reads the metadata of a record on {@code server-events-dlq} (any stage's, or one written by hand)
 * into a {@code dead_letters} row. Never throws: a record without the {@link DlqHeaders} still gets
 * a row, with stage {@code unknown} and its own DLQ position as the source.
 */
final class DeadLetterReader {
  /** A clock a little ahead is tolerated; a timestamp further ahead is not when it failed. */
  private static final Duration CLOCK_SKEW = Duration.ofDays(1);

  private DeadLetterReader() {}

  static DeadLetterRow read(ConsumerRecord<String, byte[]> record, Instant now) {
    Headers headers = record.headers();
    DlqHeaders.Source source = source(headers);
    if (source == null) {
      source = new DlqHeaders.Source(record.topic(), record.partition(), record.offset());
    }
    DeadLetterSubject subject = DeadLetterSubject.of(source.topic(), record.key(), record.value());
    String siteId = DlqHeaders.text(headers, DlqHeaders.SITE_ID);
    String errorClass = DlqHeaders.text(headers, DlqHeaders.ERROR_CLASS);
    String errorMessage = DlqHeaders.text(headers, DlqHeaders.ERROR_MESSAGE);
    return new DeadLetterRow(
        DlqHeaders.text(headers, DlqHeaders.STAGE),
        source.topic(),
        source.partition(),
        source.offset(),
        siteId != null ? siteId : subject.siteId(),
        subject.eventId(),
        errorClass,
        errorMessage != null || errorClass != null
            ? errorMessage
            : "written to the DLQ without scanflow.dlq headers",
        deadLetteredAt(record.timestamp(), now));
  }

  /** The source position from the headers, or null when any part is missing or unreadable. */
  private static DlqHeaders.Source source(Headers headers) {
    String topic = DlqHeaders.text(headers, DlqHeaders.SOURCE_TOPIC);
    String partition = DlqHeaders.text(headers, DlqHeaders.SOURCE_PARTITION);
    String offset = DlqHeaders.text(headers, DlqHeaders.SOURCE_OFFSET);
    if (topic == null || topic.isBlank() || partition == null || offset == null) {
      return null;
    }
    try {
      return new DlqHeaders.Source(
          topic, Integer.parseInt(partition.strip()), Long.parseLong(offset.strip()));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Instant deadLetteredAt(long timestamp, Instant now) {
    if (timestamp < 0) {
      return now;
    }
    Instant at = Instant.ofEpochMilli(timestamp);
    return at.isAfter(now.plus(CLOCK_SKEW)) ? now : at;
  }
}
