package io.scanflow.ingest.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scanflow.contract.ConversionValue;
import io.scanflow.contract.IngestedEvent;
import io.scanflow.contract.UserIdentifiers;
import java.time.Instant;
import java.util.UUID;

/**
 * A server event that passed every rule of http-api.md §2, with ids already normalised; {@code
 * test} marks a test event, which travels like any other and is excluded from every figure.
 */
public record ValidEvent(
    String siteId,
    String eventName,
    String scanSessionId,
    String eventId,
    boolean eventIdGenerated,
    Instant eventTime,
    ObjectNode properties,
    ConversionValue conversionValue,
    UserIdentifiers userIdentifiers,
    boolean test) {

  /** The record written to {@code server-events} for this receipt. */
  public IngestedEvent toIngested(UUID ingestId, String apiKeyId, Instant receivedAt) {
    return new IngestedEvent(
        IngestedEvent.SCHEMA_VERSION,
        ingestId,
        eventId,
        eventIdGenerated,
        siteId,
        apiKeyId,
        eventName,
        scanSessionId,
        eventTime,
        receivedAt,
        properties,
        conversionValue,
        userIdentifiers,
        test);
  }
}
