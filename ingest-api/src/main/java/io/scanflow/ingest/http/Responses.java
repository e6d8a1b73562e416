package io.scanflow.ingest.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.scanflow.ingest.validation.Problem;
import java.util.List;

/** The JSON bodies of successful ingest responses. */
public final class Responses {
  private Responses() {}

  /** 200 of {@code POST /server-events}. */
  public record EventAccepted(
      @JsonProperty("event_id") String eventId, @JsonProperty("status") String status) {}

  /** 200 of {@code POST /scan-sessions}. */
  public record ScanSessionAccepted(
      @JsonProperty("scan_session_id") String scanSessionId,
      @JsonProperty("status") String status) {}

  /** 200 of {@code POST /server-events/validate}. */
  public record ValidationPassed(@JsonProperty("valid") boolean valid) {}

  /** 200 of {@code POST /server-events/batch}. */
  public record BatchOutcome(
      @JsonProperty("accepted") int accepted,
      @JsonProperty("rejected") int rejected,
      @JsonProperty("results") List<BatchItem> results) {}

  /** The result of one event of a batch, in request order. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record BatchItem(
      @JsonProperty("index") int index,
      @JsonProperty("event_id") String eventId,
      @JsonProperty("status") String status,
      @JsonProperty("detail") List<Problem> detail) {

    static BatchItem accepted(int index, String eventId) {
      return new BatchItem(index, eventId, "accepted", null);
    }

    static BatchItem rejected(int index, List<Problem> problems) {
      return new BatchItem(index, null, "rejected", problems);
    }
  }
}
