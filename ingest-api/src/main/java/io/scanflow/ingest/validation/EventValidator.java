package io.scanflow.ingest.validation;

import static io.scanflow.ingest.validation.FieldRule.optional;
import static io.scanflow.ingest.validation.FieldRule.required;

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
  /** A site id as events and scan sessions carry it (admin/SiteRequest is stricter). */
  static final FieldRule SITE_ID = required("site_id").length(1, 64).plainLine();

  private static final FieldRule EVENT_NAME = required("event_name").length(1, 128).plainLine();
  private static final FieldRule SCAN_SESSION_ID = required("scan_session_id");
  private static final FieldRule EVENT_ID = optional("event_id").length(1, 128).plainLine();
  private static final FieldRule EVENT_TIME = optional("event_time");
  private static final FieldRule PROPERTIES = optional("properties");

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
    String siteId = fields.string(SITE_ID);
    String eventName = fields.string(EVENT_NAME);
    String scanSessionId = fields.uuid(SCAN_SESSION_ID);
    String eventId = fields.string(EVENT_ID);
    Instant eventTime = fields.timestamp(EVENT_TIME);
    if (eventTime != null) {
      timeRange.check("event_time", eventTime, receivedAt, fields.at("event_time"), problems);
    }
    ObjectNode properties = fields.object(PROPERTIES);
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
