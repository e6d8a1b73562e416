package io.scanflow.attribution;

import static io.scanflow.attribution.AttributionDriver.DEDUPLICATED_AT;
import static io.scanflow.attribution.AttributionDriver.PENDING_TIMEOUT;
import static io.scanflow.attribution.AttributionDriver.WALL_CLOCK;
import static io.scanflow.attribution.Scans.SCANNED_AT;
import static io.scanflow.attribution.Scans.aSession;
import static io.scanflow.attribution.Scans.anEventOf;
import static io.scanflow.streams.testing.PaddedEvents.padded;
import static io.scanflow.streams.testing.TopologyTestDrivers.header;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scanflow.contract.AttributedEvent;
import io.scanflow.contract.Attribution;
import io.scanflow.contract.ContractJson;
import io.scanflow.contract.DlqHeaders;
import io.scanflow.contract.IngestedEvent;
import io.scanflow.contract.PipelineHeaders;
import io.scanflow.contract.ScanSession;
import io.scanflow.contract.TopicDescriptor;
import io.scanflow.contract.Topics;
import io.scanflow.contract.TrackingSite;
import io.scanflow.contract.UnattributedReason;
import io.scanflow.streams.testing.TopologyTestDrivers;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AttributionTopologyTest {
  /** A session no window can be added to: attributing an event to it throws. */
  private static final ScanSession END_OF_TIME =
      new ScanSession(
          "0f8fad5b-d9cb-469f-a165-70867728950e",
          "site-a",
          "qr-7",
          "forever",
          Instant.parse("+1000000000-12-31T00:00:00Z"));

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private AttributionDriver attribution;
  private TopologyTestDriver driver;
  private TestInputTopic<String, TrackingSite> trackingSites;
  private TestOutputTopic<String, AttributedEvent> attributed;
  private TestOutputTopic<byte[], byte[]> dlq;

  @BeforeEach
  void startDriver() throws Exception {
    startDriver(new Properties());
  }

  private void startDriver(Properties overrides) throws Exception {
    attribution = new AttributionDriver(registry, overrides);
    driver = attribution.driver;
    trackingSites = attribution.trackingSites;
    attributed = attribution.attributed;
    dlq = attribution.deadLetters;
  }

  @AfterEach
  void closeDriver() {
    attribution.close();
  }

  @Test
  void shouldAttributeEventToKnownSessionOfSameSite() {
    ScanSession session = aSession().build();
    IngestedEvent event = anEventOf(session).withEventId("e-1").build();

    send(session);
    send(event);

    TestRecord<String, AttributedEvent> out = attributed.readRecord();
    assertThat(out.key()).isEqualTo("site-a/e-1");
    assertThat(out.value())
        .isEqualTo(new AttributedEvent(event, Attribution.attributed(session), WALL_CLOCK));
    assertThat(out.timestamp()).isEqualTo(event.receivedAt().toEpochMilli());
    assertThat(header(out, PipelineHeaders.DEDUPLICATED_AT)).isEqualTo(DEDUPLICATED_AT);
    assertThat(outcomeCount("attributed", "none")).isEqualTo(1.0);
  }

  @Test
  void shouldReleaseWaitingEventsTheMomentTheirSessionArrives() {
    ScanSession session = aSession().build();
    IngestedEvent first = anEventOf(session).build();
    IngestedEvent second = anEventOf(session).build();
    IngestedEvent ofOtherSession = anEventOf(aSession().build()).build();

    send(first);
    send(second);
    send(ofOtherSession);
    assertThat(attributed.readValuesToList())
        .extracting(AttributedEvent::attribution)
        .as("each waiting event is visible as pending at once")
        .containsOnly(Attribution.pending(WALL_CLOCK.plus(PENDING_TIMEOUT)))
        .hasSize(3);
    send(session);

    List<TestRecord<String, AttributedEvent>> out = attributed.readRecordsToList();
    assertThat(out)
        .extracting(record -> record.value().event())
        .containsExactlyInAnyOrder(first, second);
    assertThat(out)
        .allSatisfy(
            record -> {
              assertThat(record.value().attribution()).isEqualTo(Attribution.attributed(session));
              assertThat(header(record, PipelineHeaders.DEDUPLICATED_AT))
                  .isEqualTo(DEDUPLICATED_AT);
            });
  }

  @Test
  void shouldEmitSessionNotFoundWhenPendingTimeoutRunsOut() {
    ScanSession lateSession = aSession().build();
    IngestedEvent event = anEventOf(lateSession).build();

    send(event);
    assertThat(attributed.readValue().attribution())
        .isEqualTo(Attribution.pending(WALL_CLOCK.plus(PENDING_TIMEOUT)));
    driver.advanceWallClockTime(PENDING_TIMEOUT.minusSeconds(1));
    assertThat(attributed.isEmpty()).isTrue();
    driver.advanceWallClockTime(Duration.ofSeconds(1));

    TestRecord<String, AttributedEvent> out = attributed.readRecord();
    assertThat(out.value().attribution())
        .isEqualTo(Attribution.unattributed(UnattributedReason.SESSION_NOT_FOUND));
    assertThat(out.value().event()).isEqualTo(event);
    assertThat(out.timestamp()).isEqualTo(event.receivedAt().toEpochMilli());
    assertThat(header(out, PipelineHeaders.DEDUPLICATED_AT)).isEqualTo(DEDUPLICATED_AT);

    send(lateSession);
    assertThat(attributed.isEmpty()).as("an event is emitted once only").isTrue();
  }

  @Test
  void shouldCountWaitingEvents() {
    send(anEventOf(aSession().build()).build());
    send(anEventOf(aSession().build()).build());
    driver.advanceWallClockTime(Duration.ofSeconds(1));

    assertThat(registry.get("scanflow.attribution.pending").gauge().value()).isEqualTo(2.0);
  }

  @Test
  void shouldMarkSessionOfAnotherSiteAsSiteMismatch() {
    ScanSession otherTenantsScan = aSession().withSiteId("site-b").build();
    send(otherTenantsScan);

    send(anEventOf(otherTenantsScan).withSiteId("site-a").build());

    assertThat(attributed.readValue().attribution())
        .isEqualTo(Attribution.unattributed(UnattributedReason.SITE_MISMATCH));
  }

  @Test
  void shouldMarkEventMoreThanFiveMinutesBeforeScanAsOutsideWindow() {
    ScanSession session = aSession().build();
    send(session);

    send(anEventOf(session).at(SCANNED_AT.minus(Duration.ofMinutes(5)).minusMillis(1)).build());
    send(anEventOf(session).at(SCANNED_AT.minus(Duration.ofMinutes(5))).build());

    assertThat(attributed.readValuesToList())
        .extracting(AttributedEvent::attribution)
        .containsExactly(
            Attribution.unattributed(UnattributedReason.OUTSIDE_WINDOW),
            Attribution.attributed(session));
  }

  @Test
  void shouldMarkEventAfterDefaultThirtyDayWindowAsOutsideWindow() {
    ScanSession session = aSession().build();
    send(session);

    send(anEventOf(session).at(SCANNED_AT.plus(Duration.ofDays(30))).build());
    send(anEventOf(session).at(SCANNED_AT.plus(Duration.ofDays(30)).plusMillis(1)).build());

    assertThat(attributed.readValuesToList())
        .extracting(AttributedEvent::attribution)
        .containsExactly(
            Attribution.attributed(session),
            Attribution.unattributed(UnattributedReason.OUTSIDE_WINDOW));
  }

  @Test
  void shouldApplySevenDayWindowOfTheEventsSite() {
    trackingSites.pipeInput("site-a", new TrackingSite("site-a", "Shop A", 7, SCANNED_AT));
    ScanSession session = aSession().build();
    send(session);

    send(anEventOf(session).at(SCANNED_AT.plus(Duration.ofDays(6))).build());
    send(anEventOf(session).at(SCANNED_AT.plus(Duration.ofDays(8))).build());

    assertThat(attributed.readValuesToList())
        .extracting(AttributedEvent::attribution)
        .containsExactly(
            Attribution.attributed(session),
            Attribution.unattributed(UnattributedReason.OUTSIDE_WINDOW));
  }

  @Test
  void shouldApplyTheSitesNewWindowOnceItChanges() {
    trackingSites.pipeInput("site-a", new TrackingSite("site-a", "Shop A", 7, SCANNED_AT));
    ScanSession session = aSession().build();
    send(session);
    send(anEventOf(session).at(SCANNED_AT.plus(Duration.ofDays(8))).build());

    trackingSites.pipeInput("site-a", new TrackingSite("site-a", "Shop A", 10, SCANNED_AT));
    send(anEventOf(session).at(SCANNED_AT.plus(Duration.ofDays(8))).build());

    assertThat(attributed.readValuesToList())
        .extracting(AttributedEvent::attribution)
        .containsExactly(
            Attribution.unattributed(UnattributedReason.OUTSIDE_WINDOW),
            Attribution.attributed(session));
  }

  @Test
  void shouldSendUnreadableRecordsToDlqAndKeepGoing() {
    TestInputTopic<byte[], byte[]> rawEvents =
        TopologyTestDrivers.rawInput(driver, Topics.SERVER_EVENTS_UNIQUE);
    TestInputTopic<byte[], byte[]> rawSessions =
        TopologyTestDrivers.rawInput(driver, Topics.SCAN_SESSIONS);
    byte[] key = "0f8fad5b-d9cb-469f-a165-70867728950e".getBytes(StandardCharsets.UTF_8);
    byte[] garbage = "\u0000\u0001binary".getBytes(StandardCharsets.UTF_8);

    rawEvents.pipeInput(key, garbage, SCANNED_AT);
    rawSessions.pipeInput(key, "{\"site_id\":".getBytes(StandardCharsets.UTF_8), SCANNED_AT);
    ScanSession session = aSession().build();
    send(session);
    send(anEventOf(session).build());

    List<TestRecord<byte[], byte[]>> dead = dlq.readRecordsToList();
    assertThat(dead).extracting(TestRecord::key).containsExactly(key, key);
    assertThat(dead.get(0).value()).isEqualTo(garbage);
    assertThat(dead)
        .extracting(record -> header(record, DlqHeaders.SOURCE_TOPIC))
        .containsExactly("server-events-unique", "scan-sessions");
    assertThat(dead)
        .allSatisfy(
            record -> {
              assertThat(header(record, DlqHeaders.STAGE)).isEqualTo("attribution-stream");
              assertThat(header(record, DlqHeaders.ERROR_MESSAGE)).isNotBlank();
              assertThat(header(record, DlqHeaders.ERROR_CLASS)).isNotBlank();
              assertThat(header(record, DlqHeaders.SOURCE_PARTITION)).isEqualTo("0");
              assertThat(header(record, DlqHeaders.SOURCE_OFFSET)).isEqualTo("0");
            });
    assertThat(attributed.readValue().attribution()).isEqualTo(Attribution.attributed(session));
  }

  @Test
  void shouldDeadLetterEventWithoutEventTimeAndAttributeTheNext() {
    ScanSession session = aSession().build();
    send(session);
    IngestedEvent timeless = anEventOf(session).withEventId("timeless").build();
    byte[] raw = withoutEventTime(timeless);

    rawInput(Topics.SERVER_EVENTS_UNIQUE).pipeInput(key(session), raw, SCANNED_AT);
    IngestedEvent next = anEventOf(session).withEventId("next").build();
    send(next);

    TestRecord<byte[], byte[]> letter = dlq.readRecord();
    assertThat(letter.value()).isEqualTo(raw);
    assertThat(header(letter, DlqHeaders.ERROR_MESSAGE)).isEqualTo("event_time is required");
    assertThat(header(letter, DlqHeaders.SITE_ID)).isEqualTo("site-a");
    assertThat(attributed.readValue().event()).isEqualTo(next);
  }

  /**
   * dedupe-stream dead-letters such an event first; this stage applies the same contract rule to a
   * record written to its input by anything else, so the two can never disagree.
   */
  @Test
  void shouldGuardItselfWithTheContractRuleDedupeDeadLettersBy() {
    ScanSession session = aSession().build();
    send(session);
    IngestedEvent nameless = anEventOf(session).withEventId("nameless").build();
    byte[] raw = json(nameless.toBuilder().eventName("").build());

    rawInput(Topics.SERVER_EVENTS_UNIQUE).pipeInput(key(session), raw, SCANNED_AT);
    IngestedEvent next = anEventOf(session).withEventId("next").build();
    send(next);

    TestRecord<byte[], byte[]> letter = dlq.readRecord();
    assertThat(letter.value()).isEqualTo(raw);
    assertThat(header(letter, DlqHeaders.ERROR_MESSAGE))
        .isEqualTo("event_name must be 1 to 128 characters long");
    assertThat(attributed.readValue().event()).isEqualTo(next);
    assertThat(dlq.isEmpty()).isTrue();
  }

  @Test
  void shouldDeadLetterEventWhoseAttributionFailsAndAttributeTheNext() {
    send(END_OF_TIME);
    byte[] raw = json(anEventOf(END_OF_TIME).withEventId("doomed").build());
    ScanSession session = aSession().build();
    IngestedEvent next = anEventOf(session).withEventId("next").build();

    rawInput(Topics.SERVER_EVENTS_UNIQUE).pipeInput(key(END_OF_TIME), raw, SCANNED_AT);
    send(session);
    send(next);

    TestRecord<byte[], byte[]> letter = dlq.readRecord();
    assertThat(letter.key()).isEqualTo(key(END_OF_TIME));
    assertThat(letter.value()).as("the input's own bytes").isEqualTo(raw);
    assertThat(header(letter, DlqHeaders.STAGE)).isEqualTo("attribution-stream");
    assertThat(header(letter, DlqHeaders.ERROR_CLASS)).isEqualTo(DateTimeException.class.getName());
    assertThat(header(letter, DlqHeaders.ERROR_MESSAGE)).contains("Instant exceeds");
    assertThat(header(letter, DlqHeaders.SOURCE_TOPIC)).isEqualTo("server-events-unique");
    assertThat(header(letter, DlqHeaders.SOURCE_PARTITION)).isEqualTo("0");
    assertThat(header(letter, DlqHeaders.SOURCE_OFFSET)).isEqualTo("0");
    assertThat(header(letter, DlqHeaders.SITE_ID)).isEqualTo("site-a");
    assertThat(dlq.isEmpty()).isTrue();
    TestRecord<String, AttributedEvent> out = attributed.readRecord();
    assertThat(out.value().event()).isEqualTo(next);
    assertThat(out.value().attribution()).isEqualTo(Attribution.attributed(session));
    assertThat(registry.counter("scanflow.attribution.dead.letters").count()).isEqualTo(1.0);
  }

  @Test
  void shouldDeadLetterEachWaitingEventThatCannotBeAttributedToItsArrivingSession() {
    IngestedEvent first = anEventOf(END_OF_TIME).withEventId("w-1").build();
    IngestedEvent second = anEventOf(END_OF_TIME).withEventId("w-2").build();
    send(first);
    send(second);

    send(END_OF_TIME);

    List<TestRecord<byte[], byte[]>> dead = dlq.readRecordsToList();
    assertThat(dead)
        .extracting(
            record ->
                Topics.SERVER_EVENTS_UNIQUE
                    .valueSerde()
                    .deserializer()
                    .deserialize("", record.value()))
        .as("a parked event is dead-lettered as the stage read it")
        .containsExactlyInAnyOrder(first, second);
    assertThat(dead)
        .extracting(record -> header(record, DlqHeaders.SOURCE_OFFSET))
        .containsExactlyInAnyOrder("0", "1");
    assertThat(dead)
        .allSatisfy(
            record -> {
              assertThat(record.key()).isEqualTo(key(END_OF_TIME));
              assertThat(header(record, DlqHeaders.ERROR_CLASS))
                  .isEqualTo(DateTimeException.class.getName());
              assertThat(header(record, DlqHeaders.SOURCE_TOPIC)).isEqualTo("server-events-unique");
              assertThat(header(record, PipelineHeaders.DEDUPLICATED_AT))
                  .isEqualTo(DEDUPLICATED_AT);
            });
    driver.advanceWallClockTime(PENDING_TIMEOUT);
    assertThat(attribution.finals()).as("nothing is left waiting").isEmpty();
  }

  @Test
  void shouldDeadLetterAnEventTooLargeToEmitWhenItStartsWaitingAndReleaseTheOthers()
      throws Exception {
    Properties smallRecords = new Properties();
    smallRecords.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), "8192");
    attribution.close();
    startDriver(smallRecords);
    IngestedEvent oversized = padded(anEventOf(aSession().build()).build(), 8192);
    IngestedEvent small = anEventOf(aSession().build()).build();

    send(oversized);
    send(small);
    TestRecord<byte[], byte[]> letter = dlq.readRecord();
    assertThat(header(letter, DlqHeaders.ERROR_CLASS))
        .isEqualTo(RecordTooLargeException.class.getName());
    assertThat(header(letter, DlqHeaders.SOURCE_OFFSET)).isEqualTo("0");
    assertThat(header(letter, DlqHeaders.SITE_ID)).isEqualTo("site-a");
    driver.advanceWallClockTime(PENDING_TIMEOUT);

    assertThat(attributed.readValuesToList())
        .extracting(AttributedEvent::event)
        .as("the oversized event was never parked, so is never released")
        .containsExactly(small, small);
    assertThat(dlq.isEmpty()).isTrue();
    driver.advanceWallClockTime(Duration.ofSeconds(1));
    assertThat(registry.get("scanflow.attribution.pending").gauge().value()).isZero();
  }

  @Test
  void shouldSendNoPendingRecordForAnEventWhoseSessionIsKnown() {
    ScanSession session = aSession().build();
    send(session);

    send(anEventOf(session).build());

    assertThat(attributed.readValuesToList())
        .extracting(AttributedEvent::attribution)
        .containsExactly(Attribution.attributed(session));
  }

  @Test
  void shouldSendPendingRecordWithTheFinalRecordsKeyTimestampAndHeaderButCountNoOutcome() {
    ScanSession lateSession = aSession().build();
    IngestedEvent event = anEventOf(lateSession).withEventId("p-1").build();

    send(event);

    TestRecord<String, AttributedEvent> pending = attributed.readRecord();
    assertThat(pending.key()).isEqualTo("site-a/p-1");
    assertThat(pending.value())
        .isEqualTo(
            new AttributedEvent(
                event, Attribution.pending(WALL_CLOCK.plus(PENDING_TIMEOUT)), WALL_CLOCK));
    assertThat(pending.timestamp()).isEqualTo(event.receivedAt().toEpochMilli());
    assertThat(header(pending, PipelineHeaders.DEDUPLICATED_AT)).isEqualTo(DEDUPLICATED_AT);
    assertThat(registry.find("scanflow.attribution.records.out").counters()).isEmpty();

    send(lateSession);

    TestRecord<String, AttributedEvent> last = attributed.readRecord();
    assertThat(last.key()).as("the final record replaces the pending one").isEqualTo("site-a/p-1");
    assertThat(last.value().attribution()).isEqualTo(Attribution.attributed(lateSession));
    assertThat(attributed.isEmpty()).isTrue();
  }

  @Test
  void shouldGiveAnUnreadableTrackingSiteTheDefaultWindowAndCountIt() {
    TestInputTopic<byte[], byte[]> rawSites = rawInput(Topics.TRACKING_SITES);
    rawSites.pipeInput(
        "site-a".getBytes(StandardCharsets.UTF_8), "{oops".getBytes(StandardCharsets.UTF_8));
    rawSites.pipeInput(null, "{}".getBytes(StandardCharsets.UTF_8));
    ScanSession session = aSession().build();
    send(session);

    send(anEventOf(session).at(SCANNED_AT.plus(Duration.ofDays(20))).build());

    assertThat(attributed.readValue().attribution()).isEqualTo(Attribution.attributed(session));
    assertThat(registry.counter("scanflow.attribution.unreadable.sites").count()).isEqualTo(2.0);
  }

  private TestInputTopic<byte[], byte[]> rawInput(TopicDescriptor<?, ?> topic) {
    return TopologyTestDrivers.rawInput(driver, topic);
  }

  private static byte[] key(ScanSession session) {
    return session.scanSessionId().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] json(IngestedEvent event) {
    return Topics.SERVER_EVENTS_UNIQUE.valueSerde().serializer().serialize("", event);
  }

  private static byte[] withoutEventTime(IngestedEvent event) {
    ObjectNode json = ContractJson.mapper().valueToTree(event);
    json.putNull("event_time");
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A session's record timestamp is its scan time, except for one no timestamp can hold. */
  private void send(ScanSession session) {
    if (session == END_OF_TIME) {
      attribution.send(session, SCANNED_AT.toEpochMilli());
    } else {
      attribution.send(session);
    }
  }

  private void send(IngestedEvent event) {
    attribution.send(event);
  }

  private double outcomeCount(String status, String reason) {
    return registry
        .counter("scanflow.attribution.records.out", "status", status, "reason", reason)
        .count();
  }
}
