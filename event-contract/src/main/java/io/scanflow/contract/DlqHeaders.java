package io.scanflow.contract;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Header names on {@code server-events-dlq} records, naming why and where a record failed, and the
 * one way every stage writes them (pipeline.md section 1, "No record can stop a stage").
 */
public final class DlqHeaders {
  public static final String STAGE = "scanflow.dlq.stage";
  public static final String ERROR_CLASS = "scanflow.dlq.error-class";
  public static final String ERROR_MESSAGE = "scanflow.dlq.error-message";
  public static final String SOURCE_TOPIC = "scanflow.dlq.source-topic";
  public static final String SOURCE_PARTITION = "scanflow.dlq.source-partition";
  public static final String SOURCE_OFFSET = "scanflow.dlq.source-offset";

  /** The site the record belongs to, when it could be read (so the site sees its own warnings). */
  public static final String SITE_ID = "scanflow.dlq.site-id";

  /** A header, not a log: longer messages are cut. */
  public static final int MAX_ERROR_MESSAGE_LENGTH = 1000;

  private DlqHeaders() {}

  /** Where a dead letter was read from. */
  public record Source(String topic, int partition, long offset) {}

  /**
   * The headers of a dead letter: the original record's headers (any earlier DLQ headers replaced)
   * plus the stage, the error, the source position and, when {@link DeadLetterSubject} can read it,
   * the site.
   */
  public static Headers of(
      Headers original,
      String stage,
      String errorClass,
      String errorMessage,
      Source source,
      String siteId) {
    Headers headers = new RecordHeaders(original == null ? new Header[0] : original.toArray());
    put(headers, STAGE, stage);
    put(headers, ERROR_CLASS, errorClass);
    put(headers, ERROR_MESSAGE, truncate(errorMessage == null ? errorClass : errorMessage));
    if (source != null) {
      put(headers, SOURCE_TOPIC, source.topic());
      put(headers, SOURCE_PARTITION, Integer.toString(source.partition()));
      put(headers, SOURCE_OFFSET, Long.toString(source.offset()));
    }
    headers.remove(SITE_ID);
    if (siteId != null) {
      headers.add(SITE_ID, siteId.getBytes(StandardCharsets.UTF_8));
    }
    return headers;
  }

  /** The last value of a header as text, or null. */
  public static String text(Headers headers, String name) {
    Header header = headers == null ? null : headers.lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static void put(Headers headers, String name, String value) {
    headers.remove(name).add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  private static String truncate(String text) {
    return text.length() <= MAX_ERROR_MESSAGE_LENGTH
        ? text
        : text.substring(0, MAX_ERROR_MESSAGE_LENGTH);
  }
}
