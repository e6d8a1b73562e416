package io.scanflow.reports.store;

import io.scanflow.contract.ContractJson;
import io.scanflow.contract.RequestRejection;
import io.scanflow.contract.StorableText;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Objects;

/**
 * One record of {@code request-rejections} as stored in {@code request_rejections}, identified by
 * its position on the topic. A record without site, time, endpoint or detail cannot be shown and is
 * refused here (it goes to the DLQ).
 */
public record RejectionRow(
    int sourcePartition,
    long sourceOffset,
    String siteId,
    Instant at,
    String endpoint,
    int status,
    String eventId,
    String detailJson)
    implements ReportRow {
  private static final int MAX_ID = 256;

  public RejectionRow {
    Objects.requireNonNull(siteId, "site_id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(detailJson, "detail");
    eventId = StorableText.storable(eventId, MAX_ID);
  }

  /**
   * The row of a rejection read at {@code partition}/{@code offset}; throws if it lacks a field.
   */
  public static RejectionRow of(int partition, long offset, RequestRejection rejection) {
    if (rejection == null || rejection.siteId() == null || rejection.siteId().isBlank()) {
      throw new IllegalArgumentException("rejection lacks site_id");
    }
    if (rejection.detail() == null || rejection.detail().isNull()) {
      throw new IllegalArgumentException("rejection lacks detail");
    }
    try {
      return new RejectionRow(
          partition,
          offset,
          rejection.siteId(),
          rejection.at(),
          rejection.endpoint(),
          rejection.status(),
          rejection.eventId(),
          ContractJson.mapper().writeValueAsString(rejection.detail()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
