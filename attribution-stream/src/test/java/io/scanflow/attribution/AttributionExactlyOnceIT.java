package io.scanflow.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scanflow.contract.AttributedEvent;
import io.scanflow.contract.AttributionStatus;
import io.scanflow.contract.IngestedEvent;
import io.scanflow.contract.ScanSession;
import io.scanflow.contract.Topics;
import io.scanflow.contract.UnattributedReason;
import io.scanflow.streams.testing.CommittedRecords;
import io.scanflow.streams.testing.ConsumerGroupLag;
import io.scanflow.streams.testing.StreamsProcess;
import io.scanflow.testsupport.KafkaTestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * attribution-stream on a real broker with exactly_once_v2, in forked JVMs so that an instance can
 * be killed with SIGKILL in the middle of a transaction.
 */
class AttributionExactlyOnceIT {
  private static final String APP_ID = "scanflow-attribution-stream";
  private static final Path LOGS = Path.of("target", "forked-streams");
  private static final Instant SCANNED_AT = Instant.parse("2026-11-20T10:00:00Z");
  private static KafkaTestCluster kafka;

  @TempDir Path stateRoot;

  @BeforeAll
  static void startBroker() {
    kafka = KafkaTestCluster.start();
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @Test
  void shouldEmitEveryEventExactlyOnceAcrossAnAbruptKill() throws Exception {
    Workload before = Workload.of("site-kill", 0, 3000);
    Workload after = Workload.of("site-kill", 3000, 5000);

    before.produce();
    StreamsProcess first = start("kill-1", "first");
    awaitProgress(first, before.events().size() - 300);
    first.kill();
    assertThat(lag(Topics.SERVER_EVENTS_UNIQUE.name()))
        .as("killed before it had committed everything")
        .isPositive();
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
      await()
          .atMost(Duration.ofSeconds(60))
          .failFast("a streams process died", () -> !one.alive() || !two.alive())
          .until(() -> one.running() && two.running());
      workload.produce();
      awaitAllOut(one, "site-pair", 3000);
      assertOutcomes("site-pair", workload);
    }
  }

  private StreamsProcess start(String stateName, String logName) throws Exception {
    return StreamsProcess.start(
        kafka.bootstrapServers(),
        stateRoot.resolve(stateName),
        AttributionTopologyFactory.class,
        LOGS.resolve("attribution-" + logName + ".log"),
        // Longer transactions than the app's 100 ms, so that a kill always destroys work in flight.
        Map.of("commit.interval.ms", "1000"));
  }

  /** Waits until the app has committed some events but (most likely) not all of them. */
  private static void awaitProgress(StreamsProcess process, long lagAtMost) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .failFast("the streams process died", () -> !process.alive())
        .until(() -> lag(Topics.SERVER_EVENTS_UNIQUE.name()) <= lagAtMost);
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
    return ConsumerGroupLag.of(kafka.bootstrapServers(), APP_ID, topic);
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

  private static List<AttributedEvent> attributed(String site) {
    String topic = Topics.SERVER_EVENTS_ATTRIBUTED.name();
    return CommittedRecords.readAll(kafka.bootstrapServers(), topic).stream()
        .map(
            record ->
                Topics.SERVER_EVENTS_ATTRIBUTED
                    .valueSerde()
                    .deserializer()
                    .deserialize(topic, record.value()))
        .filter(event -> event.event().siteId().equals(site))
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

    void produce() {
      try (KafkaProducer<String, ScanSession> sessionProducer =
              new KafkaProducer<>(
                  kafka.clientProperties(),
                  new StringSerializer(),
                  Topics.SCAN_SESSIONS.valueSerde().serializer());
          KafkaProducer<String, IngestedEvent> eventProducer =
              new KafkaProducer<>(
                  kafka.clientProperties(),
                  new StringSerializer(),
                  Topics.SERVER_EVENTS_UNIQUE.valueSerde().serializer())) {
        for (ScanSession session : sessions) {
          sessionProducer.send(
              new ProducerRecord<>(
                  Topics.SCAN_SESSIONS.name(),
                  null,
                  session.scannedAt().toEpochMilli(),
                  session.scanSessionId(),
                  session));
        }
        sessionProducer.flush();
        for (IngestedEvent event : events) {
          eventProducer.send(
              new ProducerRecord<>(
                  Topics.SERVER_EVENTS_UNIQUE.name(),
                  null,
                  event.receivedAt().toEpochMilli(),
                  event.scanSessionId(),
                  event));
        }
      }
    }

    private static IngestedEvent event(String site, String eventId, String sessionId) {
      Instant at = SCANNED_AT.plus(Duration.ofHours(1));
      return new IngestedEvent(
          IngestedEvent.SCHEMA_VERSION,
          UUID.randomUUID(),
          eventId,
          false,
          site,
          "key-1",
          "purchase",
          sessionId,
          at,
          at.plusSeconds(1),
          null,
          null,
          null);
    }
  }
}
