package io.scanflow.reports.store;

import io.scanflow.contract.StorableText;
import java.time.Instant;
import java.util.Objects;

/**
 * The metadata of one record on {@code server-events-dlq}, as stored in {@code dead_letters} (never
 * the record's bytes). Its text is made storable here, so that no dead letter can itself be refused
 * by the table: the sink never sends a dead letter back to the DLQ.
 */
public record DeadLetterRow(
    String stage,
    String sourceTopic,
    int sourcePartition,
    long sourceOffset,
    String siteId,
    String eventId,
    String errorClass,
    String errorMessage,
    Instant deadLetteredAt)
    implements ReportRow {

  /** Stage and error class when a dead letter does not name them (e.g. written by hand). */
  public static final String UNKNOWN = "unknown";

  private static final int MAX_NAME = 255;
  private static final int MAX_ID = 256;
  private static final int MAX_MESSAGE = 1000;

  public DeadLetterRow {
    stage = orElse(stage, MAX_NAME, UNKNOWN);
    sourceTopic = orElse(sourceTopic, MAX_NAME, UNKNOWN);
    siteId = orElse(siteId, MAX_ID, null);
    eventId = orElse(eventId, MAX_ID, null);
    errorClass = orElse(errorClass, MAX_NAME, UNKNOWN);
    errorMessage = orElse(errorMessage, MAX_MESSAGE, errorClass);
    Objects.requireNonNull(deadLetteredAt, "deadLetteredAt");
  }

  /** The storable part of {@code text}, or {@code fallback} when that is null or empty. */
  private static String orElse(String text, int maxLength, String fallback) {
    String storable = StorableText.storable(text, maxLength);
    return storable == null || storable.isEmpty() ? fallback : storable;
  }
}
