package io.scanflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scanflow.contract.DlqHeaders;
import io.scanflow.devstack.StackInfo;
import io.scanflow.e2e.DeadLetterLog.DeadLetter;
import io.scanflow.e2e.OperatorViews.StageHealth;
import io.scanflow.e2e.OperatorViews.Warning;
import io.scanflow.e2e.OperatorViews.Warnings;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 8's poison corpus on a running stack: every poison is refused with 422 at the door, or, if
 * written straight to a topic, dead-lettered by the stage that cannot process it, while another
 * site's events keep flowing and the operator and the site see the dead letters.
 */
@ExtendWith(RunningStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class PoisonCorpusIT {
  private static final Duration DEAD_LETTERED_WITHIN = Duration.ofSeconds(30);
  private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(5);
  private static final Duration REPORTED_WITHIN = Duration.ofSeconds(20);
  private static final Set<String> STAGES =
      Set.of(TopicPoison.DEDUPE, TopicPoison.ATTRIBUTION, TopicPoison.SINK);

  /** The POST endpoints that take a server event. */
  enum EventEndpoint {
    SINGLE,
    BATCH,
    VALIDATE
  }

  private final StackInfo stack;
  private final ScanflowClient client;
  // one site (and key) per endpoint keeps each far below the rate limit
  private final Map<EventEndpoint, Map.Entry<String, String>> httpSites =
      new EnumMap<>(EventEndpoint.class);
  private Map.Entry<String, String> sessionSite;
  private Map.Entry<String, String> poisonSite;
  private Map.Entry<String, String> otherSite;
  private List<TopicPoison> topicPoisons;
  private DeadLetterLog deadLetters;

  PoisonCorpusIT(StackInfo stack) {
    this.stack = stack;
    this.client = new ScanflowClient(stack);
  }

  @BeforeAll
  void givenPoisonOnEveryTopicAStageReads() {
    for (EventEndpoint endpoint : EventEndpoint.values()) {
      httpSites.put(endpoint, client.createSite("Poison over HTTP " + endpoint));
    }
    sessionSite = client.createSite("Poison scan sessions");
    poisonSite = client.createSite("Poison shop");
    otherSite = client.createSite("Ordinary shop");
    topicPoisons = TopicPoison.corpus(poisonSite.getKey());
    try (RawTopicWriter writer = new RawTopicWriter(stack.kafkaBootstrap())) {
      topicPoisons.forEach(p -> writer.write(p.topic(), p.key(), p.value()));
    }
    deadLetters = new DeadLetterLog(stack.kafkaBootstrap());
  }

  @AfterAll
  void closeDeadLetterLog() {
    deadLetters.close();
  }

  Stream<Arguments> eventPoisons() {
    return HttpPoison.ofEvents().stream()
        .flatMap(p -> Stream.of(EventEndpoint.values()).map(e -> Arguments.of(p, e)));
  }

  @Order(1)
  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("eventPoisons")
  void shouldRefuseEventPoisonWith422PointingAtIt(HttpPoison poison, EventEndpoint endpoint) {
    var site = httpSites.get(endpoint);
    ObjectNode event = poison.poison(validEvent(site.getKey()));
    String body = ScanflowClient.escapedJson(event);

    switch (endpoint) {
      case SINGLE -> poison.assertRefusedBy(client.postEvent(site.getValue(), body), endpoint);
      case VALIDATE -> poison.assertRefusedBy(client.validate(site.getValue(), body), endpoint);
      case BATCH ->
          poison.assertRefusedInBatch(
              client.post(
                  stack.ingestUrl() + "/server-events/batch",
                  site.getValue(),
                  ScanflowClient.escapedJson(Map.of("events", List.of(event)))));
    }
  }

  @Order(1)
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.scanflow.e2e.HttpPoison#ofScanSessions")
  void shouldRefuseScanSessionPoisonWith422PointingAtIt(HttpPoison poison) {
    ObjectNode session =
        ScanflowClient.JSON
            .createObjectNode()
            .put("site_id", sessionSite.getKey())
            .put("scan_session_id", UUID.randomUUID().toString())
            .put("qr_code_id", "poster-42")
            .put("campaign", "spring");

    var answer =
        client.postScanSession(
            sessionSite.getValue(), ScanflowClient.escapedJson(poison.poison(session)));

    poison.assertRefusedBy(answer, "/scan-sessions");
  }

  @Order(2)
  @Test
  void shouldDeadLetterEveryRecordAStageCannotProcess() {
    await()
        .atMost(DEAD_LETTERED_WITHIN)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> assertThat(notDeadLettered(topicPoisons, deadLetters.all())).isEmpty());

    List<DeadLetter> letters = deadLetters.all();
    for (TopicPoison poison : topicPoisons) {
      DeadLetter letter =
          letters.stream().filter(poison::isDeadLetteredBy).findFirst().orElseThrow();
      assertThat(letter.header(DlqHeaders.ERROR_CLASS)).as("%s error class", poison).isNotBlank();
      assertThat(letter.header(DlqHeaders.ERROR_MESSAGE)).as("%s error", poison).isNotBlank();
      assertThat(letter.header(DlqHeaders.SOURCE_PARTITION))
          .as("%s partition", poison)
          .isNotBlank();
      assertThat(letter.header(DlqHeaders.SOURCE_OFFSET)).as("%s offset", poison).isNotBlank();
      if (poison.stages().size() == 1) {
        assertThat(letter.sourceTopic()).as("%s source topic", poison).isEqualTo(poison.topic());
      }
    }
  }

  @Order(3)
  @Test
  void shouldShowAnotherSitesOrdinaryEventWithinFiveSeconds() {
    String session = UUID.randomUUID().toString();
    var scanned =
        client.postScanSession(
            otherSite.getValue(),
            Map.of(
                "site_id",
                otherSite.getKey(),
                "scan_session_id",
                session,
                "qr_code_id",
                "poster-7"));
    assertThat(scanned.status()).isEqualTo(200);
    String eventId = UUID.randomUUID().toString();
    ObjectNode event = validEvent(otherSite.getKey()).put("event_id", eventId);
    event.put("scan_session_id", session);

    var accepted = client.postEvent(otherSite.getValue(), event);

    assertThat(accepted.status()).isEqualTo(200);
    JsonNode trace =
        await()
            .atMost(VISIBLE_WITHIN)
            .pollInterval(Duration.ofMillis(100))
            .until(
                () ->
                    client.siteReports(
                        otherSite.getValue(), eventPath(otherSite.getKey(), eventId)),
                ScanflowClient.Answer::isStored)
            .body();
    assertThat(trace.path("attribution").path("qr_code_id").asText()).isEqualTo("poster-7");
  }

  @Order(4)
  @Test
  void shouldCountDeadLettersPerStageAndReportNoStageStalled() {
    await()
        .atMost(REPORTED_WITHIN)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              var answer = client.reports("/api/pipeline");
              assertThat(answer.status()).isEqualTo(200);
              Map<String, StageHealth> stages = OperatorViews.stages(answer.body());
              assertThat(stages).containsKeys(STAGES.toArray(String[]::new));
              for (String stage : STAGES) {
                assertThat(stages.get(stage).deadLetters24h())
                    .as("%s dead_letters_24h in %s", stage, answer.body())
                    .isNotNull()
                    .isPositive();
              }
              stages
                  .values()
                  .forEach(
                      stage ->
                          assertThat(stage.status())
                              .as("status of %s", stage.stage())
                              .isIn("ok", "lagging"));
            });
  }

  @Order(5)
  @Test
  void shouldListTheSitesDeadLettersInItsWarningsOnly() {
    List<TopicPoison> poisonsOfTheSite =
        topicPoisons.stream().filter(poison -> poison.siteId() != null).toList();
    await()
        .atMost(REPORTED_WITHIN)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              Warnings warnings = warnings(poisonSite);
              List<DeadLetter> ofPoisonSite =
                  deadLetters.all().stream()
                      .filter(letter -> poisonSite.getKey().equals(letter.siteId()))
                      .toList();
              assertThat(notDeadLettered(poisonsOfTheSite, ofPoisonSite)).isEmpty();
              long positions = ofPoisonSite.stream().map(DeadLetter::position).distinct().count();
              assertThat(warnings.counts24h()).isEqualTo(positions);
              for (DeadLetter letter : ofPoisonSite) {
                assertThat(warnings.recent())
                    .as("warnings listing %s", letter)
                    .anySatisfy(warning -> assertListed(warning, letter));
              }
            });
    Warnings other = warnings(otherSite);
    assertThat(other.counts24h()).isZero();
    assertThat(other.recent()).isEmpty();
  }

  private ObjectNode validEvent(String siteId) {
    ObjectNode event =
        ScanflowClient.JSON
            .createObjectNode()
            .put("site_id", siteId)
            .put("event_name", "purchase")
            .put("event_id", UUID.randomUUID().toString())
            .put("scan_session_id", UUID.randomUUID().toString());
    event
        .putObject("conversion_value")
        .put("amount", new BigDecimal("10.00"))
        .put("currency", "EUR");
    event.putObject("properties").put("plan", "pro");
    return event;
  }

  /** What is missing, per poison, with what the DLQ holds for it instead. */
  private static List<String> notDeadLettered(List<TopicPoison> poisons, List<DeadLetter> letters) {
    List<String> missing = new ArrayList<>();
    for (TopicPoison poison : poisons) {
      if (letters.stream().noneMatch(poison::isDeadLetteredBy)) {
        List<DeadLetter> mentioning =
            letters.stream().filter(l -> l.mentions(poison.marker())).toList();
        missing.add(
            poison
                + ": expected from "
                + poison.stages()
                + (poison.siteId() == null ? "" : " with site " + poison.siteId())
                + ", found "
                + mentioning);
      }
    }
    return missing;
  }

  private Warnings warnings(Map.Entry<String, String> site) {
    var answer = client.siteReports(site.getValue(), "/api/sites/" + site.getKey() + "/warnings");
    assertThat(answer.status()).as("GET warnings, body %s", answer.body()).isEqualTo(200);
    return OperatorViews.warnings(answer.body());
  }

  private static void assertListed(Warning warning, DeadLetter letter) {
    assertThat(warning.stage()).isEqualTo(letter.stage());
    assertThat(warning.errorClass()).isEqualTo(letter.header(DlqHeaders.ERROR_CLASS));
    assertThat(warning.at()).isNotBlank();
    if (letter.eventId() != null) {
      assertThat(warning.eventId()).isEqualTo(letter.eventId());
    }
    assertThat(Objects.requireNonNullElse(warning.errorMessage(), "")).isNotBlank();
  }

  private static String eventPath(String siteId, String eventId) {
    return "/api/sites/"
        + ScanflowClient.pathSegment(siteId)
        + "/events/"
        + ScanflowClient.pathSegment(eventId);
  }
}
