package io.scanflow.attribution;

import static io.scanflow.attribution.Scans.SCANNED_AT;
import static io.scanflow.attribution.Scans.aSession;
import static io.scanflow.attribution.Scans.anEventOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scanflow.contract.AttributedEvent;
import io.scanflow.contract.Attribution;
import io.scanflow.contract.IngestedEvent;
import io.scanflow.contract.ScanSession;
import io.scanflow.contract.UnattributedReason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * Ownership of a scan session is a function of the order of {@code scan-sessions} alone: a replay
 * (a fresh application reading the topics from the start) decides the same, however Kafka Streams
 * interleaves the two co-partitioned topics this time. The one exception, compaction of a session
 * older than the topic's minimum compaction lag, is pinned here too, as documented in
 * docs/operations.md.
 */
class SessionOwnershipReplayTest {
  private static final String SESSION_ID = "0c9e7f52-3b1a-4f7e-8d2c-5a6b7c8d9e0f";
  private static final ScanSession OF_SITE_A =
      aSession().withId(SESSION_ID).withSiteId("site-a").withQrCodeId("poster-a").build();
  private static final ScanSession OF_SITE_B =
      aSession().withId(SESSION_ID).withSiteId("site-b").withQrCodeId("poster-b").build();
  private static final ScanSession OF_SITE_A_AGAIN =
      aSession()
          .withId(SESSION_ID)
          .withSiteId("site-a")
          .withQrCodeId("poster-a-retry")
          .scannedAt(SCANNED_AT.plus(Duration.ofDays(2)))
          .build();

  /** scan-sessions as ingest-api wrote it, in offset order. */
  private static final List<ScanSession> SESSIONS = List.of(OF_SITE_A, OF_SITE_B, OF_SITE_A_AGAIN);

  private static final List<IngestedEvent> EVENTS =
      List.of(
          anEventOf(OF_SITE_A).withEventId("a-1").build(),
          anEventOf(OF_SITE_B).withEventId("b-1").build(),
          anEventOf(OF_SITE_A).withEventId("a-2").at(SCANNED_AT.plus(Duration.ofDays(1))).build());

  @Test
  void shouldDecideTheSameWhenTheTopicsAreReplayedInAnotherInterleaving() throws Exception {
    // the first run, as it happened: registrations and events interleaved
    Outcome firstRun =
        run(
            attribution -> {
              attribution.send(SESSIONS.get(0));
              attribution.send(EVENTS.get(0));
              attribution.send(SESSIONS.get(1));
              attribution.send(EVENTS.get(1));
              attribution.send(SESSIONS.get(2));
              attribution.send(EVENTS.get(2));
            });
    assertThat(firstRun.attributions())
        .containsEntry("site-a/a-1", Attribution.attributed(OF_SITE_A))
        .containsEntry("site-b/b-1", Attribution.unattributed(UnattributedReason.SITE_MISMATCH))
        .containsEntry("site-a/a-2", Attribution.attributed(OF_SITE_A));
    assertThat(firstRun.deadLetters()).hasSize(1);

    // replays in fresh applications: all registrations first, or all events first
    Outcome sessionsFirst =
        run(
            attribution -> {
              SESSIONS.forEach(attribution::send);
              EVENTS.forEach(attribution::send);
            });
    Outcome eventsFirst =
        run(
            attribution -> {
              EVENTS.forEach(attribution::send);
              SESSIONS.forEach(attribution::send);
            });

    assertThat(sessionsFirst).isEqualTo(firstRun);
    assertThat(eventsFirst).isEqualTo(firstRun);
  }

  @Test
  void shouldGiveTheSessionToTheOnlyRegistrationLeftWhenCompactionRemovedTheFirst()
      throws Exception {
    // The documented limit: compaction keeps the last record of a key. Once it has removed A's
    // registration (only possible after Topics.SCAN_SESSION_MIN_COMPACTION_LAG, 111 days, when no
    // retained event can be attributed to the session any more), a replay sees B's only.
    Outcome replayOfCompactedTopic =
        run(
            attribution -> {
              attribution.send(OF_SITE_B);
              attribution.send(EVENTS.get(0));
              attribution.send(EVENTS.get(1));
            });

    assertThat(replayOfCompactedTopic.attributions())
        .containsEntry("site-a/a-1", Attribution.unattributed(UnattributedReason.SITE_MISMATCH))
        .containsEntry("site-b/b-1", Attribution.attributed(OF_SITE_B));
    assertThat(replayOfCompactedTopic.deadLetters()).isEmpty();
  }

  /** What a run decided: each event's attribution by key, and each dead letter with its headers. */
  private record Outcome(Map<String, Attribution> attributions, List<String> deadLetters) {}

  private interface Input {
    void sendTo(AttributionDriver attribution);
  }

  private static Outcome run(Input input) throws Exception {
    try (AttributionDriver attribution =
        new AttributionDriver(new SimpleMeterRegistry(), new Properties())) {
      input.sendTo(attribution);
      attribution.driver.advanceWallClockTime(AttributionDriver.PENDING_TIMEOUT);
      Map<String, Attribution> attributions = new TreeMap<>();
      for (TestRecord<String, AttributedEvent> out : attribution.finals()) {
        Attribution previous = attributions.put(out.key(), out.value().attribution());
        assertThat(previous).as("each event leaves once").isNull();
      }
      List<String> deadLetters = new ArrayList<>();
      attribution.deadLetters.readRecordsToList().forEach(d -> deadLetters.add(describe(d)));
      return new Outcome(attributions, deadLetters);
    }
  }

  private static String describe(TestRecord<byte[], byte[]> letter) {
    StringBuilder text =
        new StringBuilder(text(letter.key())).append(' ').append(text(letter.value()));
    for (Header header : letter.headers()) {
      text.append(' ').append(header.key()).append('=').append(text(header.value()));
    }
    return text.toString();
  }

  private static String text(byte[] bytes) {
    return bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8);
  }
}
