package io.scanflow.ingest.validation;

import static io.scanflow.ingest.validation.EventJson.anEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.scanflow.contract.ContractJson;
import io.scanflow.contract.IngestedEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every row of the validation table in http-api.md §3. */
class EventValidatorTest {
  private static final Instant NOW = Instant.parse("2026-11-26T08:15:30.123Z");
  private static final String HASH = "a".repeat(64);
  private static final String CONTROL_MSG = "control characters are not allowed";
  private static final String UNSTORABLE_MSG =
      "NUL characters (U+0000) and unpaired surrogates are not allowed";
  private static final String NUMBER_MSG =
      "number cannot be stored: at most 1000 digits before and 1000 after the decimal point";
  private final EventValidator validator =
      new EventValidator(new EventTimeRange(Duration.ofMinutes(5), Duration.ofDays(7)));

  private List<Problem> problemsOf(EventJson event) {
    Validated<ValidEvent> result = validator.validate(event.json(), Loc.body(), NOW);
    assertThat(result.isValid()).isFalse();
    return result.problems();
  }

  /** The event as it will be written, before its receipt is stamped. */
  private IngestedEvent valid(EventJson event) {
    Validated<ValidEvent> result = validator.validate(event.json(), Loc.body(), NOW);
    assertThat(result.problems()).isEmpty();
    return result.value().event();
  }

  private static Problem problem(String msg, String type, Object... path) {
    List<Object> loc = new java.util.ArrayList<>(List.of("body"));
    loc.addAll(List.of(path));
    return new Problem(loc, msg, type);
  }

  @Test
  void shouldAnswerTheSeedBodyForAMissingScanSessionId() throws Exception {
    List<Problem> problems = problemsOf(anEvent().without("scan_session_id"));

    assertThat(ContractJson.mapper().writeValueAsString(new ProblemsBody(problems)))
        .isEqualTo(
            "{\"detail\":[{\"loc\":[\"body\",\"scan_session_id\"],\"msg\":\"field required\","
                + "\"type\":\"value_error.missing\"}]}");
  }

  record ProblemsBody(List<Problem> detail) {}

  @Test
  void shouldTreatJsonNullAsMissing() {
    assertThat(problemsOf(anEvent().with("site_id", JsonNodeFactory.instance.nullNode())))
        .containsExactly(problem("field required", "value_error.missing", "site_id"));
  }

  @Test
  void shouldListEveryProblemNotJustTheFirst() {
    List<Problem> problems =
        problemsOf(
            anEvent()
                .without("site_id")
                .without("event_name")
                .with("scan_session_id", "nope")
                .withJson("conversion_value", "{\"amount\": -1, \"currency\": \"eur\"}"));

    assertThat(problems)
        .containsExactly(
            problem("field required", "value_error.missing", "site_id"),
            problem("field required", "value_error.missing", "event_name"),
            problem("value is not a valid uuid", "type_error.uuid", "scan_session_id"),
            problem(
                "ensure this value is greater than or equal to 0",
                "value_error.number.not_ge",
                "conversion_value",
                "amount"),
            problem(
                "currency must be a 3-letter ISO 4217 code",
                "value_error.currency",
                "conversion_value",
                "currency"));
  }

  @Test
  void shouldRequireStringsWhereStringsAreNeeded() {
    assertThat(problemsOf(anEvent().withJson("event_name", "42").withJson("event_id", "true")))
        .containsExactly(
            problem("str type expected", "type_error.str", "event_name"),
            problem("str type expected", "type_error.str", "event_id"));
  }

  @Test
  void shouldReadAnAbsentOrNullTestFlagAsARealEvent() {
    assertThat(valid(anEvent()).test()).isFalse();
    assertThat(valid(anEvent().withJson("test", "null")).test()).isFalse();
    assertThat(valid(anEvent().withJson("test", "false")).test()).isFalse();
    assertThat(valid(anEvent().withJson("test", "true")).test()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"true\"", "1", "0", "{}", "[true]"})
  void shouldRequireTheTestFlagToBeABoolean(String literal) {
    assertThat(problemsOf(anEvent().withJson("test", literal)))
        .containsExactly(problem("value is not a valid boolean", "type_error.bool", "test"));
  }

  @Test
  void shouldRequireObjectsWhereObjectsAreNeeded() {
    assertThat(
            problemsOf(
                anEvent()
                    .withJson("properties", "[1]")
                    .withJson("conversion_value", "\"12 EUR\"")
                    .withJson("user_identifiers", "7")))
        .containsExactly(
            problem("value is not a valid dict", "type_error.dict", "properties"),
            problem("value is not a valid dict", "type_error.dict", "conversion_value"),
            problem("value is not a valid dict", "type_error.dict", "user_identifiers"));
  }

  @Test
  void shouldRequireANumberAmount() {
    assertThat(
            problemsOf(
                anEvent()
                    .withJson("conversion_value", "{\"amount\": \"12.5\", \"currency\": \"EUR\"}")))
        .containsExactly(
            problem(
                "value is not a valid decimal",
                "type_error.decimal",
                "conversion_value",
                "amount"));
  }

  @Test
  void shouldRequireBothConversionValueFields() {
    assertThat(problemsOf(anEvent().withJson("conversion_value", "{}")))
        .containsExactly(
            problem("field required", "value_error.missing", "conversion_value", "amount"),
            problem("field required", "value_error.missing", "conversion_value", "currency"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not-a-uuid",
        "6f1c2a4e8a574c1e9d1a3b2f1e0c9a77",
        "{6f1c2a4e-8a57-4c1e-9d1a-3b2f1e0c9a77}",
        ""
      })
  void shouldRefuseAnythingButACanonicalUuid(String sessionId) {
    assertThat(problemsOf(anEvent().with("scan_session_id", sessionId)))
        .containsExactly(
            problem("value is not a valid uuid", "type_error.uuid", "scan_session_id"));
  }

  @Test
  void shouldNormaliseScanSessionIdToLowerCase() {
    IngestedEvent event =
        valid(anEvent().with("scan_session_id", "6F1C2A4E-8A57-4C1E-9D1A-3B2F1E0C9A77"));

    assertThat(event.scanSessionId()).isEqualTo("6f1c2a4e-8a57-4c1e-9d1a-3b2f1e0c9a77");
  }

  @Test
  void shouldEnforceStringLengths() {
    assertThat(
            problemsOf(
                anEvent()
                    .with("site_id", "s".repeat(65))
                    .with("event_name", "")
                    .with("event_id", "e".repeat(129))))
        .containsExactly(
            problem(
                "ensure this value has at most 64 characters",
                "value_error.any_str.max_length",
                "site_id"),
            problem(
                "ensure this value has at least 1 characters",
                "value_error.any_str.min_length",
                "event_name"),
            problem(
                "ensure this value has at most 128 characters",
                "value_error.any_str.max_length",
                "event_id"));
  }

  @Test
  void shouldCountCharactersNotBytes() {
    valid(anEvent().with("site_id", "ü".repeat(64)).with("event_name", "😀".repeat(128)));
  }

  @Test
  void shouldRefuseControlCharactersInIdsAndNames() {
    assertThat(
            problemsOf(
                anEvent()
                    .with("site_id", "shop\tberlin")
                    .with("event_name", "buy\nnow")
                    .with("event_id", "order\u007F1")))
        .containsExactly(
            problem(CONTROL_MSG, "value_error.control_char", "site_id"),
            problem(CONTROL_MSG, "value_error.control_char", "event_name"),
            problem(CONTROL_MSG, "value_error.control_char", "event_id"));
  }

  @Test
  void shouldReportANulInAnIdOnceAsAControlCharacter() {
    assertThat(problemsOf(anEvent().with("event_id", "order\u00001")))
        .containsExactly(problem(CONTROL_MSG, "value_error.control_char", "event_id"));
  }

  @Test
  void shouldAcceptOtherCharactersInIdsAndNames() {
    valid(
        anEvent()
            .with("event_id", "Bestellung-ü-😀-\u0085")
            .with("event_name", "Kauf abgeschlossen")
            .with("site_id", " shop "));
  }

  @Test
  void shouldRefuseNulAndUnpairedSurrogatesInEveryStringOfTheEvent() {
    assertThat(
            problemsOf(
                anEvent()
                    .with("event_name", "buy\uD800")
                    .withJson(
                        "properties",
                        "{\"x\": \"a\\u0000b\", \"k\\ud800\": 1,"
                            + " \"list\": [\"ok\", {\"deep\": \"\\udc00\"}]}")
                    .withJson("user_identifiers", "{\"crm\": \"\\u0000\"}")
                    .with("not_in_the_spec", "\uDFFF")))
        .containsExactly(
            problem(UNSTORABLE_MSG, "value_error.unstorable_char", "event_name"),
            problem(UNSTORABLE_MSG, "value_error.unstorable_char", "properties", "x"),
            problem(UNSTORABLE_MSG, "value_error.unstorable_char", "properties", "k\uFFFD"),
            problem(UNSTORABLE_MSG, "value_error.unstorable_char", "properties", "list", 1, "deep"),
            problem(UNSTORABLE_MSG, "value_error.unstorable_char", "user_identifiers", "crm"),
            problem(UNSTORABLE_MSG, "value_error.unstorable_char", "not_in_the_spec"));
  }

  @Test
  void shouldRefuseALoneSurrogateTheParserDecodedFromAnEscape() {
    String body =
        "{\"site_id\": \"s\", \"event_name\": \"\\ud83d\","
            + " \"scan_session_id\": \"6f1c2a4e-8a57-4c1e-9d1a-3b2f1e0c9a77\"}";

    assertThat(problemsOfBody(body))
        .containsExactly(problem(UNSTORABLE_MSG, "value_error.unstorable_char", "event_name"));
  }

  @Test
  void shouldReportAStringItsOwnRuleRefusedOnlyOnce() {
    assertThat(
            problemsOf(
                anEvent()
                    .withJson("user_identifiers", "{\"email_hash\": \"\\u0000\"}")
                    .withJson("conversion_value", "{\"amount\": 1, \"currency\": \"EU\\u0000\"}")))
        .extracting(Problem::type)
        .containsExactly("value_error.currency", "value_error.hash");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"1e200000", "1e-20000", "1234567890123456789", "0.1234567", "1.0000000", "1E+18"})
  void shouldRefuseAmountsOutside18DigitsBeforeAnd6AfterThePoint(String amount) {
    assertThat(problemsOfBody(withAmount(amount)))
        .containsExactly(
            problem(
                "ensure that there are no more than 18 digits before and 6 after the decimal point",
                "value_error.decimal.bounds",
                "conversion_value",
                "amount"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"999999999999999999.999999", "0.000001", "1E+17", "0", "12.500000"})
  void shouldAcceptAmountsWithinTheBoundsExactly(String amount) {
    Validated<ValidEvent> result =
        validator.validate(JsonBody.parse(utf8(withAmount(amount))).value(), Loc.body(), NOW);

    assertThat(result.problems()).isEmpty();
    assertThat(result.value().event().conversionValue().amount()).isEqualTo(new BigDecimal(amount));
  }

  @Test
  void shouldRefusePropertyNumbersThatJsonbCannotHold() {
    String properties =
        "{\"big\": 1e200000, \"tiny\": 1e-20000, \"ok\": [1e999, 1e-1000, 12.5, 7],"
            + " \"n\": [1e1000]}";

    assertThat(problemsOfBody(withProperties(properties)))
        .containsExactly(
            problem(NUMBER_MSG, "value_error.number.bounds", "properties", "big"),
            problem(NUMBER_MSG, "value_error.number.bounds", "properties", "tiny"),
            problem(NUMBER_MSG, "value_error.number.bounds", "properties", "n", 0));
  }

  private List<Problem> problemsOfBody(String body) {
    Validated<ValidEvent> result =
        validator.validate(JsonBody.parse(utf8(body)).value(), Loc.body(), NOW);
    assertThat(result.isValid()).isFalse();
    return result.problems();
  }

  private static String withAmount(String amount) {
    return anEvent()
        .text()
        .replaceFirst(
            "}$", ", \"conversion_value\": {\"amount\": " + amount + ", \"currency\": \"EUR\"}}");
  }

  private static String withProperties(String properties) {
    return anEvent().text().replaceFirst("}$", ", \"properties\": " + properties + "}");
  }

  private static byte[] utf8(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"eur", "EURO", "XYZ", "12"})
  void shouldRefuseUnknownOrLowerCaseCurrencies(String currency) {
    assertThat(
            problemsOf(
                anEvent()
                    .withJson(
                        "conversion_value", "{\"amount\": 1, \"currency\": \"" + currency + "\"}")))
        .containsExactly(
            problem(
                "currency must be a 3-letter ISO 4217 code",
                "value_error.currency",
                "conversion_value",
                "currency"));
  }

  @Test
  void shouldKeepAmountExact() {
    IngestedEvent event =
        valid(anEvent().withJson("conversion_value", "{\"amount\": 0.1, \"currency\": \"EUR\"}"));

    assertThat(event.conversionValue().amount()).isEqualTo(new BigDecimal("0.1"));
  }

  @Test
  void shouldRefuseMoreThan10KbOfProperties() {
    String big = "x".repeat(10_240);
    assertThat(problemsOf(anEvent().withJson("properties", "{\"blob\": \"" + big + "\"}")))
        .containsExactly(
            problem(
                "properties exceeds 10 KB (10240 bytes)",
                "value_error.properties.too_large",
                "properties"));
  }

  @Test
  void shouldAcceptExactly10KbOfProperties() {
    // {"b":"..."} is 8 bytes plus the string.
    valid(anEvent().withJson("properties", "{\"b\": \"" + "x".repeat(10_240 - 8) + "\"}"));
  }

  @Test
  void shouldRefuseRawEmailsAnywhereInPropertiesKeysAndValues() {
    assertThat(
            problemsOf(
                anEvent()
                    .withJson(
                        "properties",
                        "{\"customer\": {\"contact\": \"Mail: Jane.Doe@example.com\"},"
                            + " \"list\": [\"ok\", \"x@shop.de\"], \"bob@example.org\": 1}")))
        .containsExactly(
            problem(
                Problem.RAW_EMAIL_MSG,
                "value_error.pii.email",
                "properties",
                "customer",
                "contact"),
            problem(Problem.RAW_EMAIL_MSG, "value_error.pii.email", "properties", "list", 1),
            problem(
                Problem.RAW_EMAIL_MSG, "value_error.pii.email", "properties", "bob@example.org"));
  }

  @Test
  void shouldRefuseRawEmailsInUserIdentifiers() {
    assertThat(
            problemsOf(
                anEvent()
                    .withJson(
                        "user_identifiers",
                        "{\"email_hash\": \"jane@example.com\", \"crm\": {\"mail\": \"a@b.io\"}}")))
        .containsExactly(
            problem(
                Problem.RAW_EMAIL_MSG, "value_error.pii.email", "user_identifiers", "email_hash"),
            problem(
                Problem.RAW_EMAIL_MSG, "value_error.pii.email", "user_identifiers", "crm", "mail"));
  }

  @Test
  void shouldRefuseRawEmailsInEveryStringOfTheEventKnownOrNot() {
    assertThat(
            problemsOf(
                anEvent()
                    .with("site_id", "alice@example.com")
                    .with("event_name", "signup alice%40example.com")
                    .with("event_id", "alice%2540example.com")
                    .withJson("utm", "{\"source\": \"alice@bücher.de\"}")))
        .containsExactly(
            problem(Problem.RAW_EMAIL_MSG, "value_error.pii.email", "site_id"),
            problem(Problem.RAW_EMAIL_MSG, "value_error.pii.email", "event_name"),
            problem(Problem.RAW_EMAIL_MSG, "value_error.pii.email", "event_id"),
            problem(Problem.RAW_EMAIL_MSG, "value_error.pii.email", "utm", "source"));
  }

  @Test
  void shouldRefusePercentEncodedAndInternationalEmailsInProperties() {
    assertThat(
            problemsOf(
                anEvent()
                    .withJson(
                        "properties",
                        "{\"page\": \"https://shop.example/?u=alice%40example.com\","
                            + " \"mail\": \"иван@пример.рф\"}")))
        .containsExactly(
            problem(Problem.RAW_EMAIL_MSG, "value_error.pii.email", "properties", "page"),
            problem(Problem.RAW_EMAIL_MSG, "value_error.pii.email", "properties", "mail"));
  }

  @Test
  void shouldReportAnEmailInAFieldThatBreaksItsOwnRuleToo() {
    assertThat(problemsOf(anEvent().with("event_id", "alice@example.com " + "x".repeat(128))))
        .extracting(Problem::type)
        .containsExactly("value_error.any_str.max_length", "value_error.pii.email");
  }

  @Test
  void shouldNotMistakeOtherAtSignsForEmails() {
    valid(
        anEvent()
            .withJson(
                "properties",
                "{\"handle\": \"@scanflow\", \"price\": \"2@3.50\", \"note\": \"meet @ 5pm\","
                    + " \"profile\": \"https://medium.com/@alice/post\"}")
            .with("event_name", "share @alice")
            .with("event_id", "lodash@4.17.21"));
  }

  @Test
  void shouldRequireSha256HexHashes() {
    assertThat(
            problemsOf(
                anEvent()
                    .withJson(
                        "user_identifiers",
                        "{\"email_hash\": \""
                            + HASH.toUpperCase()
                            + "\", \"phone_hash\": \"abc\"}")))
        .containsExactly(
            problem(
                "must be a SHA-256 hex digest (64 lower-case hex characters)",
                "value_error.hash",
                "user_identifiers",
                "email_hash"),
            problem(
                "must be a SHA-256 hex digest (64 lower-case hex characters)",
                "value_error.hash",
                "user_identifiers",
                "phone_hash"));
  }

  @Test
  void shouldKeepValidHashes() {
    IngestedEvent event =
        valid(anEvent().withJson("user_identifiers", "{\"email_hash\": \"" + HASH + "\"}"));

    assertThat(event.userIdentifiers().emailHash()).isEqualTo(HASH);
    assertThat(event.userIdentifiers().phoneHash()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"yesterday", "2026-11-26T08:15:30", "2026-11-26", "2026-13-01T00:00:00Z"})
  void shouldRefuseUnparsableEventTimes(String eventTime) {
    assertThat(problemsOf(anEvent().with("event_time", eventTime)))
        .containsExactly(problem("invalid datetime format", "type_error.datetime", "event_time"));
  }

  @Test
  void shouldRefuseANumberAsEventTime() {
    assertThat(problemsOf(anEvent().withJson("event_time", "1764144930")))
        .containsExactly(problem("invalid datetime format", "type_error.datetime", "event_time"));
  }

  @Test
  void shouldRefuseEventTimesOutOfRange() {
    assertThat(problemsOf(anEvent().with("event_time", NOW.plusSeconds(301).toString())))
        .containsExactly(
            problem(
                "event_time is more than 5 minutes in the future",
                "value_error.event_time",
                "event_time"));
    assertThat(
            problemsOf(
                anEvent()
                    .with("event_time", NOW.minus(Duration.ofDays(7)).minusSeconds(1).toString())))
        .containsExactly(
            problem(
                "event_time is more than 7 days in the past",
                "value_error.event_time",
                "event_time"));
  }

  @Test
  void shouldAcceptOffsetsAndConvertToUtc() {
    IngestedEvent event = valid(anEvent().with("event_time", "2026-11-26T09:10:00.5+01:00"));

    assertThat(event.eventTime()).isEqualTo(Instant.parse("2026-11-26T08:10:00.500Z"));
  }

  @Test
  void shouldUseConfiguredRangesInMessages() {
    EventValidator strict =
        new EventValidator(new EventTimeRange(Duration.ofSeconds(30), Duration.ofHours(1)));
    Validated<ValidEvent> result =
        strict.validate(
            anEvent().with("event_time", NOW.plusSeconds(31).toString()).json(), Loc.body(), NOW);

    assertThat(result.problems())
        .extracting(Problem::msg)
        .containsExactly("event_time is more than 30 seconds in the future");
  }

  @Test
  void shouldRefuseNestingDeeperThan10Levels() {
    String ten = "{\"a\":".repeat(9) + "{}" + "}".repeat(9);
    valid(anEvent().withJson("properties", ten));

    String eleven = "{\"a\":".repeat(10) + "{}" + "}".repeat(10);
    assertThat(problemsOf(anEvent().withJson("properties", eleven)))
        .containsExactly(
            problem(
                "nesting deeper than 10 levels",
                "value_error.depth",
                "properties",
                "a",
                "a",
                "a",
                "a",
                "a",
                "a",
                "a",
                "a",
                "a",
                "a"));
  }

  @Test
  void shouldRefuseABodyThatIsNotAnObject() {
    Validated<ValidEvent> result =
        validator.validate(JsonNodeFactory.instance.arrayNode(), Loc.body(), NOW);

    assertThat(result.problems())
        .containsExactly(
            new Problem(List.of("body"), "value is not a valid dict", "type_error.dict"));
  }

  @Test
  void shouldGenerateAnEventIdWhenAbsent() {
    IngestedEvent event = valid(anEvent());

    assertThat(event.eventIdGenerated()).isTrue();
    assertThat(java.util.UUID.fromString(event.eventId())).isNotNull();
    assertThat(event.eventTime()).isEqualTo(NOW);
  }

  @Test
  void shouldKeepAGivenEventId() {
    IngestedEvent event = valid(anEvent().with("event_id", "order-1"));

    assertThat(event.eventIdGenerated()).isFalse();
    assertThat(event.eventId()).isEqualTo("order-1");
  }

  @Test
  void shouldIgnoreUnknownTopLevelFields() {
    valid(anEvent().withJson("utm_source", "{\"whatever\": \"newsletter\"}"));
  }

  @Test
  void shouldLocateProblemsInsideABatch() {
    Validated<ValidEvent> result =
        validator.validate(
            anEvent().without("scan_session_id").json(), Loc.body().field("events").index(3), NOW);

    assertThat(result.problems())
        .containsExactly(
            new Problem(
                List.of("body", "events", 3, "scan_session_id"),
                "field required",
                "value_error.missing"));
  }
}
