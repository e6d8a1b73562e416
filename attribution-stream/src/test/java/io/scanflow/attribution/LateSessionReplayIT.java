package io.scanflow.attribution;

import static io.scanflow.attribution.Scans.aSession;
import static io.scanflow.attribution.Scans.anEventOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.scanflow.contract.AttributedEvent;
import io.scanflow.contract.Attribution;
import io.scanflow.contract.AttributionStatus;
import io.scanflow.contract.IngestedEvent;
import io.scanflow.contract.ScanSession;
import io.scanflow.contract.Topics;
import io.scanflow.contract.UnattributedReason;
import io.scanflow.streams.testing.CommittedRecords;
import io.scanflow.streams.testing.StreamsReadiness;
import io.scanflow.testsupport.InjectKafka;
import io.scanflow.testsupport.KafkaTestCluster;
import io.scanflow.testsupport.KafkaTestResource;
import io.scanflow.testsupport.RawRecords;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/**
 * The late-session rule of a replay (docs/operations.md, "Replay: rebuilding derived state"): an
 * event whose scan session reached attribution-stream more than the pending timeout after the event
 * was {@code session_not_found} live, and a replay attributes it. The replay reads both topics from
 * the start in record-timestamp order, so it meets the session either before the event (its {@code
 * scanned_at} is earlier) or while the event waits (a later {@code scanned_at}, reached long within
 * the pending timeout when stream time runs at replay speed).
 */
@QuarkusTest
// A broker of its own: the replayed application re-reads and re-emits everything on the topics.
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@TestProfile(LateSessionReplayIT.OwnStateDir.class)
class LateSessionReplayIT {
  /**
   * A state directory of its own too: the live application's stores and checkpoints from the
   * classes before it (another broker) would point at offsets this broker's topics do not have.
   */
  public static class OwnStateDir implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "kafka-streams.state.dir",
          Path.of("target", "kafka-streams-state", "late-session-live-" + UUID.randomUUID())
              .toString());
    }
  }

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** The production default: what the replayed application waits for a session. */
  private static final Duration REPLAY_PENDING_TIMEOUT = Duration.ofSeconds(60);

  @InjectKafka KafkaTestCluster kafka;

  @Test
  void shouldAttributeOnReplayAnEventWhoseSessionArrivedAfterThePendingTimeoutLive()
      throws Exception {
    StreamsReadiness.awaitRunning(TIMEOUT);
    Instant receivedAt = Instant.now().minus(Duration.ofHours(1));
    // Scanned before the event, but registered late (a QR redirect service that was down).
    ScanSession scannedBefore =
        aSession()
            .withSiteId("site-late")
            .scannedAt(receivedAt.minus(Duration.ofMinutes(10)))
            .build();
    // Registered late without scanned_at, so stamped with the late registration time.
    ScanSession scannedAfter =
        aSession()
            .withSiteId("site-late")
            .scannedAt(receivedAt.plus(Duration.ofMinutes(3)))
            .build();
    IngestedEvent first = eventOf(scannedBefore, "late-1", receivedAt);
    IngestedEvent second = eventOf(scannedAfter, "late-2", receivedAt);

    send(first);
    send(second);
    awaitFinalOutcomes(first, second);
    send(scannedBefore);
    send(scannedAfter);

    assertThat(finalOutcomes(first))
        .as("live: each session came after the test's 3 s pending timeout")
        .containsExactly(Attribution.unattributed(UnattributedReason.SESSION_NOT_FOUND));
    assertThat(finalOutcomes(second))
        .containsExactly(Attribution.unattributed(UnattributedReason.SESSION_NOT_FOUND));

    try (KafkaStreams replay = replayedApplication()) {
      replay.start();
      await()
          .atMost(TIMEOUT)
          .until(() -> finalOutcomes(first).size() == 2 && finalOutcomes(second).size() == 2);
    }

    assertThat(finalOutcomes(first))
        .as("replay: session_not_found live, then attributed")
        .containsExactly(
            Attribution.unattributed(UnattributedReason.SESSION_NOT_FOUND),
            Attribution.attributed(scannedBefore));
    assertThat(finalOutcomes(second))
        .containsExactly(
            Attribution.unattributed(UnattributedReason.SESSION_NOT_FOUND),
            Attribution.attributed(scannedAfter));
  }

  private static IngestedEvent eventOf(ScanSession session, String eventId, Instant receivedAt) {
    return anEventOf(session).withEventId(eventId).at(receivedAt).receivedAt(receivedAt).build();
  }

  private void awaitFinalOutcomes(IngestedEvent... events) {
    await()
        .atMost(TIMEOUT)
        .until(() -> List.of(events).stream().noneMatch(event -> finalOutcomes(event).isEmpty()));
  }

  /**
   * What a reset does to attribution-stream: a fresh application (no state, no committed offsets)
   * reading its inputs from the start, and writing where the live one writes.
   */
  private KafkaStreams replayedApplication() {
    Properties settings = new Properties();
    settings.put(StreamsConfig.APPLICATION_ID_CONFIG, "late-session-replay");
    settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    settings.put(
        StreamsConfig.STATE_DIR_CONFIG,
        Path.of("target", "kafka-streams-state", "late-session-replay-" + UUID.randomUUID())
            .toString());
    settings.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    settings.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    return new KafkaStreams(
        AttributionTopology.build(
            REPLAY_PENDING_TIMEOUT, new AttributionMetrics(new SimpleMeterRegistry())),
        settings);
  }

  /** The event's final (not pending) attributions on the output topic, in the order written. */
  private List<Attribution> finalOutcomes(IngestedEvent event) {
    return CommittedRecords.readValues(kafka.bootstrapServers(), Topics.SERVER_EVENTS_ATTRIBUTED)
        .stream()
        .filter(out -> out.event().eventKey().equals(event.eventKey()))
        .map(AttributedEvent::attribution)
        .filter(attribution -> attribution.status() != AttributionStatus.PENDING)
        .toList();
  }

  private void send(IngestedEvent event) throws Exception {
    RawRecords.send(
        kafka,
        Topics.SERVER_EVENTS_UNIQUE.name(),
        event.sessionKey(),
        Topics.SERVER_EVENTS_UNIQUE.valueSerde().serializer().serialize("", event),
        event.receivedAt());
  }

  private void send(ScanSession session) throws Exception {
    RawRecords.send(
        kafka,
        Topics.SCAN_SESSIONS.name(),
        session.scanSessionId(),
        Topics.SCAN_SESSIONS.valueSerde().serializer().serialize("", session),
        session.scannedAt());
  }
}
