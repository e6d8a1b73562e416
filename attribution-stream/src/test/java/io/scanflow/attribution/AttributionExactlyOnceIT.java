package io.scanflow.attribution;

import static io.scanflow.testsupport.IngestedEventBuilder.anEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scanflow.contract.AttributedEvent;
import io.scanflow.contract.AttributionStatus;
import io.scanflow.contract.IngestedEvent;
import io.scanflow.contract.ScanSession;
import io.scanflow.contract.Topics;
import io.scanflow.contract.UnattributedReason;
import io.scanflow.streams.testing.CommittedRecords;
import io.scanflow.streams.testing.ForkedStage;
import io.scanflow.streams.testing.InputRecords;
import io.scanflow.streams.testing.StreamsProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * attribution-stream on a real broker with exactly_once_v2, in forked JVMs so that an instance can
 * be killed with SIGKILL in the middle of a transaction.
 */
class AttributionExactlyOnceIT {
  private static final Instant SCANNED_AT = Instant.parse("2026-11-20T10:00:00Z");
  @RegisterExtension static final ForkedStage attribution = AttributionTopologyFactory.forked();

  @TempDir Path stateRoot;

  @Test
  void shouldEmitEveryEventExactlyOnceAcrossAnAbruptKill() throws Exception {
    Workload committed = Workload.of("site-kill", 0, 1500);
    Workload inFlight = Workload.of("site-kill", 1500, 3000);
    Workload after = Workload.of("site-kill", 3000, 5000);

    committed.produce();
    StreamsProcess first = start("kill-1", "first", ForkedStage.LONG_TRANSACTIONS);
    attribution.awaitLagAtMost(
        Topics.SERVER_EVENTS_UNIQUE.name(),
        0,
        Duration.ofSeconds(60),
        Duration.ofMillis(100),
        first);
    inFlight.produce();
    attribution.killInsideOpenTransaction(
        first, List.of(Topics.SERVER_EVENTS_ATTRIBUTED.name()), Duration.ofSeconds(60));
    assertThat(lag(Topics.SERVER_EVENTS_UNIQUE.name()))
        .as("killed before it had committed everything")
        .isPositive();
    Workload before = committed.merge(inFlight);
    after.produce();
    try (StreamsProcess restarted = start("kill-1", "restarted")) {
      awaitAllOut(restarted, "site-kill", 5000);
      assertOutcomes("site-kill", before.merge(after));
    }
  }

  @Test
  void shouldGiveSameResultWithTwoInstancesAsWithOne() throws Exception {
    Workload workload = Workload.of("site-pair", 0, 3000);

    try (StreamsProcess one = start("pair-1", "one");
        StreamsProcess two = start("pair-2", "two")) {
      ForkedStage.awaitRunning(Duration.ofSeconds(60), one, two);
      workload.produce();
      awaitAllOut(one, "site-pair", 3000);
      assertOutcomes("site-pair", workload);
    }
  }

  private StreamsProcess start(String stateName, String logName) throws Exception {
    return start(stateName, logName, ForkedStage.SLOW_COMMITS);
  }

  private StreamsProcess start(String stateName, String logName, Map<String, String> overrides)
      throws Exception {
    return attribution.start(stateRoot.resolve(stateName), logName, overrides);
  }

  /** Both inputs committed and every event out (those without a session after the timeout). */
  private static void awaitAllOut(StreamsProcess process, String site, int events) {
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .failFast("the streams process died", () -> !process.alive())
        .until(
            () ->
                lag(Topics.SERVER_EVENTS_UNIQUE.name()) == 0
                    && lag(Topics.SCAN_SESSIONS.name()) == 0
                    && attributed(site).size() >= events);
  }

  private static long lag(String topic) throws Exception {
    return attribution.lag(topic);
  }

  private static void assertOutcomes(String site, Workload sent) {
    List<AttributedEvent> out = attributed(site);
    assertThat(out).extracting(event -> event.event().eventKey()).doesNotHaveDuplicates();
    Map<String, String> outcomeByKey =
        out.stream()
            .collect(
                Collectors.toMap(
                    event -> event.event().eventKey(),
                    event ->
                        event.attribution().status() == AttributionStatus.ATTRIBUTED
                            ? "attributed"
                            : event.attribution().reason().wireName()));
    assertThat(outcomeByKey).isEqualTo(sent.expectedOutcomes);
  }

  /** The final records of a site's events (the provisional pending ones left out). */
  private static List<AttributedEvent> attributed(String site) {
    return CommittedRecords.readValues(
            attribution.kafka().bootstrapServers(), Topics.SERVER_EVENTS_ATTRIBUTED)
        .stream()
        .filter(event -> event.event().siteId().equals(site))
        .filter(event -> event.attribution().status() != AttributionStatus.PENDING)
        .toList();
  }

  /**
   * Two events per scan session. Of every ten sessions one never arrives (session_not_found), one
   * belongs to another site (site_mismatch), one was scanned long before (outside_window); the rest
   * attribute. Sessions are produced before the events that name them.
   */
  private record Workload(
      List<ScanSession> sessions,
      List<IngestedEvent> events,
      Map<String, String> expectedOutcomes) {

    static Workload of(String site, int from, int to) {
      List<ScanSession> sessions = new ArrayList<>();
      List<IngestedEvent> events = new ArrayList<>();
      Map<String, String> expected = new HashMap<>();
      String sessionId = null;
      for (int i = from; i < to; i++) {
        int kind = (i / 2) % 10;
        if (i % 2 == 0) {
          sessionId = UUID.randomUUID().toString();
          if (kind != 0) {
            String sessionSite = kind == 1 ? "another-site" : site;
            Instant scannedAt = kind == 2 ? SCANNED_AT.minus(Duration.ofDays(40)) : SCANNED_AT;
            sessions.add(new ScanSession(sessionId, sessionSite, "qr-" + kind, null, scannedAt));
          }
        }
        IngestedEvent event = event(site, "evt-" + i, sessionId);
        events.add(event);
        expected.put(
            event.eventKey(),
            switch (kind) {
              case 0 -> UnattributedReason.SESSION_NOT_FOUND.wireName();
              case 1 -> UnattributedReason.SITE_MISMATCH.wireName();
              case 2 -> UnattributedReason.OUTSIDE_WINDOW.wireName();
              default -> "attributed";
            });
      }
      return new Workload(sessions, events, expected);
    }

    Workload merge(Workload other) {
      Map<String, String> expected = new HashMap<>(expectedOutcomes);
      expected.putAll(other.expectedOutcomes);
      List<ScanSession> allSessions = new ArrayList<>(sessions);
      allSessions.addAll(other.sessions);
      List<IngestedEvent> allEvents = new ArrayList<>(events);
      allEvents.addAll(other.events);
      return new Workload(allSessions, allEvents, expected);
    }

    /** Sessions first: each is on the broker before any event that names it. */
    void produce() {
      Properties client = attribution.kafka().clientProperties();
      InputRecords.produce(
          client,
          Topics.SCAN_SESSIONS,
          sessions,
          ScanSession::scanSessionId,
          ScanSession::scannedAt);
      InputRecords.produce(
          client,
          Topics.SERVER_EVENTS_UNIQUE,
          events,
          IngestedEvent::scanSessionId,
          IngestedEvent::receivedAt);
    }

    private static IngestedEvent event(String site, String eventId, String sessionId) {
      return anEvent()
          .withSiteId(site)
          .withEventId(eventId)
          .withScanSessionId(sessionId)
          .at(SCANNED_AT.plus(Duration.ofHours(1)))
          .receivedAfter(Duration.ofSeconds(1))
          .build();
    }
  }
}
