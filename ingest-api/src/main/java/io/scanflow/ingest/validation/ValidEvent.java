package io.scanflow.ingest.validation;

import io.scanflow.contract.IngestedEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A server event that passed every rule of http-api.md §2, with ids already normalised: the {@link
 * IngestedEvent} it becomes, still without its receipt (ingest id, API key, receipt time).
 */
public record ValidEvent(IngestedEvent event) {

  public String siteId() {
    return event.siteId();
  }

  public String eventId() {
    return event.eventId();
  }

  /** The record written to {@code server-events} for this receipt. */
  public IngestedEvent toIngested(UUID ingestId, String apiKeyId, Instant receivedAt) {
    return event.toBuilder().receipt(ingestId, apiKeyId, receivedAt).build();
  }
}
