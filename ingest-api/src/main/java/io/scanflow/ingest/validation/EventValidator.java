package io.scanflow.ingest.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scanflow.contract.ConversionValue;
import io.scanflow.contract.IngestedEvent;
import io.scanflow.contract.UserIdentifiers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Checks one server event against every rule of http-api.md §2 and reports all problems. */
public final class EventValidator {
  private final EventTimeRange timeRange;

  public EventValidator(EventTimeRange timeRange) {
    this.timeRange = timeRange;
  }

  /**
   * Validates {@code node} found at {@code loc}; {@code receivedAt} is "now" for the range checks
   * and the default event time.
   */
  public Validated<ValidEvent> validate(JsonNode node, Loc loc, Instant receivedAt) {
    List<Problem> problems = new ArrayList<>();
    if (node == null || !node.isObject()) {
      problems.add(Problem.notObject(loc));
      return Validated.invalid(problems);
    }
    FieldReader fields = new FieldReader(node, loc, problems);
    String siteId = fields.plainString("site_id", true, 1, 64);
    String eventName = fields.plainString("event_name", true, 1, 128);
    String scanSessionId = fields.uuid("scan_session_id", true);
    String eventId = fields.plainString("event_id", false, 1, 128);
    Instant eventTime = fields.timestamp("event_time", false);
    if (eventTime != null) {
      timeRange.check("event_time", eventTime, receivedAt, fields.at("event_time"), problems);
    }
    ObjectNode properties = fields.object("properties", false);
    if (properties != null) {
      PropertiesRules.check(properties, fields.at("properties"), problems);
    }
    ConversionValue value = ConversionValueRules.read(fields, problems);
    UserIdentifiers identifiers = UserIdentifierRules.read(fields, problems);
    boolean test = fields.bool("test");
    RequestText.check(node, loc, problems);
    if (!problems.isEmpty()) {
      return Validated.invalid(problems);
    }
    boolean generated = eventId == null;
    return Validated.valid(
        new ValidEvent(
            IngestedEvent.builder()
                .siteId(siteId)
                .eventName(eventName)
                .scanSessionId(scanSessionId)
                .eventId(generated ? UUID.randomUUID().toString() : eventId, generated)
                .eventTime(eventTime == null ? receivedAt : eventTime)
                .properties(properties)
                .conversionValue(value)
                .userIdentifiers(identifiers)
                .test(test)
                .build()));
  }
}
