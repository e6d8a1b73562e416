package io.scanflow.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.scanflow.contract.IngestedEvent;
import io.scanflow.ingest.auth.Caller;
import io.scanflow.ingest.http.Responses.BatchItem;
import io.scanflow.ingest.http.Responses.BatchOutcome;
import io.scanflow.ingest.publish.EventStore;
import io.scanflow.ingest.publish.EventStoreUnavailableException;
import io.scanflow.ingest.validation.BatchEnvelope;
import io.scanflow.ingest.validation.EventValidator;
import io.scanflow.ingest.validation.JsonBody;
import io.scanflow.ingest.validation.Loc;
import io.scanflow.ingest.validation.ValidEvent;
import io.scanflow.ingest.validation.Validated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Checks 4–5 of http-api.md §1 on a read body, then publishes: one event or a batch. */
@ApplicationScoped
public class EventIngestion {
  static final String SITE_MISMATCH = "site_id does not match the API key's site";

  @Inject EventValidator validator;
  @Inject EventStore store;
  @Inject IngestMetrics metrics;
  @Inject CallerContext context;

  /** Validates one event and, unless {@code dryRun}, publishes it; returns its event id. */
  public String single(Caller caller, byte[] body, boolean dryRun) {
    Instant receivedAt = now();
    JsonNode json = require(JsonBody.parse(body));
    context.bodyRead(json);
    ValidEvent event = require(validator.validate(json, Loc.body(), receivedAt));
    if (!event.siteId().equals(caller.siteId())) {
      metrics.eventsRejected(1, "site_mismatch");
      throw new ApiException(403, SITE_MISMATCH);
    }
    if (!dryRun) {
      publish(List.of(event.toIngested(UUID.randomUUID(), caller.key().keyId(), receivedAt)));
    }
    return event.eventId();
  }

  /** Validates each event of a batch, publishes the valid ones together, reports per event. */
  public BatchOutcome batch(Caller caller, byte[] body) {
    Instant receivedAt = now();
    List<JsonNode> items = require(BatchEnvelope.events(require(JsonBody.parse(body))));
    if (items.stream().anyMatch(item -> claimsOtherSite(item, caller))) {
      metrics.eventsRejected(items.size(), "site_mismatch");
      throw new ApiException(403, SITE_MISMATCH);
    }
    List<BatchItem> results = new ArrayList<>(items.size());
    List<IngestedEvent> valid = new ArrayList<>(items.size());
    Loc events = Loc.body().field("events");
    for (int i = 0; i < items.size(); i++) {
      Validated<ValidEvent> checked = validator.validate(items.get(i), events.index(i), receivedAt);
      if (checked.isValid()) {
        ValidEvent event = checked.value();
        valid.add(event.toIngested(UUID.randomUUID(), caller.key().keyId(), receivedAt));
        results.add(BatchItem.accepted(i, event.eventId()));
      } else {
        results.add(BatchItem.rejected(i, checked.problems()));
      }
    }
    int rejected = items.size() - valid.size();
    if (rejected > 0) {
      metrics.eventsRejected(rejected, "validation");
    }
    if (!valid.isEmpty()) {
      publish(valid);
    }
    return new BatchOutcome(valid.size(), rejected, results);
  }

  private void publish(List<IngestedEvent> events) {
    try {
      store.publishEvents(events);
      metrics.eventsAccepted(events.size());
    } catch (EventStoreUnavailableException e) {
      metrics.eventsRejected(events.size(), "unavailable");
      throw e;
    }
  }

  private static boolean claimsOtherSite(JsonNode item, Caller caller) {
    JsonNode siteId = item.isObject() ? item.get("site_id") : null;
    return siteId != null && siteId.isTextual() && !siteId.textValue().equals(caller.siteId());
  }

  private <T> T require(Validated<T> validated) {
    if (!validated.isValid()) {
      metrics.eventsRejected(1, "validation");
      throw new ValidationFailedException(validated.problems());
    }
    return validated.value();
  }

  /** Millisecond precision, so that received_at equals the Kafka record timestamp exactly. */
  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}
