package io.scanflow.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.scanflow.contract.IngestedEvent;
import io.scanflow.ingest.auth.Caller;
import io.scanflow.ingest.http.Responses.BatchItem;
import io.scanflow.ingest.http.Responses.BatchOutcome;
import io.scanflow.ingest.publish.EventPublisher;
import io.scanflow.ingest.validation.BatchEnvelope;
import io.scanflow.ingest.validation.EventValidator;
import io.scanflow.ingest.validation.JsonBody;
import io.scanflow.ingest.validation.Loc;
import io.scanflow.ingest.validation.ValidEvent;
import io.scanflow.ingest.validation.Validated;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Checks 4–5 of http-api.md §1 on a read body, then publishes: one event or a batch. The checks run
 * on the calling thread (they take microseconds per event); the publish completes from Kafka's
 * acknowledgement, and a refused body fails the returned {@link Uni}.
 */
@ApplicationScoped
public class EventIngestion {
  static final String SITE_MISMATCH = "site_id does not match the API key's site";

  @Inject EventValidator validator;
  @Inject EventPublisher publisher;
  @Inject IngestMetrics metrics;
  @Inject CallerContext context;

  /** Validates one event and publishes it; completes with its event id once Kafka has it. */
  public Uni<String> ingest(Caller caller, byte[] body) {
    Instant receivedAt = now();
    ValidEvent event = checked(caller, body, receivedAt);
    return publish(List.of(event.toIngested(UUID.randomUUID(), caller.key().keyId(), receivedAt)))
        .replaceWith(event.eventId());
  }

  /** Runs every check of {@link #ingest} and publishes nothing. */
  public void validateOnly(Caller caller, byte[] body) {
    checked(caller, body, now());
  }

  private ValidEvent checked(Caller caller, byte[] body, Instant receivedAt) {
    JsonNode json = require(JsonBody.parse(body));
    context.bodyRead(json);
    ValidEvent event = require(validator.validate(json, Loc.body(), receivedAt));
    if (!event.siteId().equals(caller.siteId())) {
      metrics.eventsRejected(1, "site_mismatch");
      throw new ApiException(403, SITE_MISMATCH);
    }
    return event;
  }

  /** Validates each event of a batch, publishes the valid ones together, reports per event. */
  public Uni<BatchOutcome> batch(Caller caller, byte[] body) {
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
    BatchOutcome outcome = new BatchOutcome(valid.size(), rejected, results);
    return valid.isEmpty() ? Uni.createFrom().item(outcome) : publish(valid).replaceWith(outcome);
  }

  private Uni<Void> publish(List<IngestedEvent> events) {
    return Uni.createFrom()
        .completionStage(publisher.publishEvents(events))
        .onItem()
        .invoke(() -> metrics.eventsAccepted(events.size()))
        .onFailure()
        .invoke(() -> metrics.eventsRejected(events.size(), "unavailable"));
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
