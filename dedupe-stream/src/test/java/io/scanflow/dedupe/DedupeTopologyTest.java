package io.scanflow.dedupe;

import static io.scanflow.streams.testing.PaddedEvents.padded;
import static io.scanflow.streams.testing.TopologyTestDrivers.header;
import static io.scanflow.testsupport.IngestedEventBuilder.anEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scanflow.contract.ContractJson;
import io.scanflow.contract.ConversionValue;
import io.scanflow.contract.DlqHeaders;
import io.scanflow.contract.DuplicateEvent;
import io.scanflow.contract.IngestedEvent;
import io.scanflow.contract.PipelineHeaders;
import io.scanflow.contract.Topics;
import io.scanflow.contract.UserIdentifiers;
import io.scanflow.streams.testing.TopologyTestDrivers;
import io.scanflow.testsupport.IngestedEventBuilder;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DedupeTopologyTest {
  private static final Duration WINDOW = Duration.ofDays(7);
  private static final Instant T0 = IngestedEventBuilder.DEFAULT_TIME;
  private static final Instant WALL_CLOCK = Instant.parse("2026-11-26T09:00:00Z");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private TopologyTestDriver driver;
  private TestInputTopic<String, IngestedEvent> serverEvents;
  private TestInputTopic<byte[], byte[]> rawServerEvents;
  private TestOutputTopic<String, IngestedEvent> unique;
  private TestOutputTopic<String, DuplicateEvent> duplicates;
  private TestOutputTopic<byte[], byte[]> dlq;

  @BeforeEach
  void startDriver() throws Exception {
    startDriver(TopologyTestDrivers.settings("dedupe-test"));
  }

  private void startDriver(Properties settings) {
    driver =
        new TopologyTestDriver(
            DedupeTopology.build(WINDOW, new DedupeMetrics(registry)), settings, WALL_CLOCK);
    serverEvents = TopologyTestDrivers.input(driver, Topics.SERVER_EVENTS);
    rawServerEvents = TopologyTestDrivers.rawInput(driver, Topics.SERVER_EVENTS);
    unique = TopologyTestDrivers.output(driver, Topics.SERVER_EVENTS_UNIQUE);
    duplicates = TopologyTestDrivers.output(driver, Topics.SERVER_EVENTS_DUPLICATES);
    dlq = TopologyTestDrivers.deadLetters(driver);
  }

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  @Test
  void shouldMarkSecondReceiptInsideWindowAsDuplicate() {
    IngestedEvent first = anEvent().withEventId("e-1").receivedAt(T0).build();
    IngestedEvent resend = anEvent().withEventId("e-1").receivedAt(T0.plusSeconds(3600)).build();

    send(first);
    send(resend);

    assertThat(unique.readValuesToList()).containsExactly(first);
    List<TestRecord<String, DuplicateEvent>> dups = duplicates.readRecordsToList();
    assertThat(dups).hasSize(1);
    assertThat(dups.get(0).key()).isEqualTo("site-a/e-1");
    assertThat(dups.get(0).value())
        .isEqualTo(new DuplicateEvent(resend, first.ingestId(), first.receivedAt()));
    assertThat(registry.counter("scanflow.dedupe.records.out", "outcome", "duplicate").count())
        .isEqualTo(1.0);
  }

  @Test
  void shouldTreatReceiptExactlyOneWindowLaterAsDuplicate() {
    send(anEvent().withEventId("e-1").receivedAt(T0).build());
    send(anEvent().withEventId("e-1").receivedAt(T0.plus(WINDOW)).build());

    assertThat(unique.readValuesToList()).hasSize(1);
    assertThat(duplicates.readValuesToList()).hasSize(1);
  }

  @Test
  void shouldCountSameIdAgainAfterWindow() {
    IngestedEvent first = anEvent().withEventId("e-1").receivedAt(T0).build();
    IngestedEvent afterWindow =
        anEvent().withEventId("e-1").receivedAt(T0.plus(WINDOW).plusMillis(1)).build();
    IngestedEvent resendOfSecond =
        anEvent().withEventId("e-1").receivedAt(T0.plus(WINDOW).plusSeconds(60)).build();

    send(first);
    send(afterWindow);
    send(resendOfSecond);

    assertThat(unique.readValuesToList()).containsExactly(first, afterWindow);
    assertThat(duplicates.readValuesToList())
        .extracting(DuplicateEvent::firstIngestId)
        .containsExactly(afterWindow.ingestId());
  }

  @Test
  void shouldNotExtendWindowWithDuplicate() {
    send(anEvent().withEventId("e-1").receivedAt(T0).build());
    send(anEvent().withEventId("e-1").receivedAt(T0.plus(Duration.ofDays(6))).build());
    IngestedEvent afterFirstWindow =
        anEvent().withEventId("e-1").receivedAt(T0.plus(WINDOW).plusSeconds(1)).build();
    send(afterFirstWindow);

    assertThat(unique.readValuesToList()).hasSize(2).last().isEqualTo(afterFirstWindow);
    assertThat(duplicates.readValuesToList()).hasSize(1);
  }

  @Test
  void shouldCountSameIdOnTwoSitesSeparately() {
    send(anEvent().withSiteId("site-a").withEventId("e-1").build());
    send(anEvent().withSiteId("site-b").withEventId("e-1").build());

    assertThat(unique.readValuesToList())
        .extracting(IngestedEvent::siteId)
        .containsExactly("site-a", "site-b");
    assertThat(duplicates.isEmpty()).isTrue();
  }

  @Test
  void shouldNeverMarkGeneratedIdAsDuplicate() {
    send(anEvent().withGeneratedEventId("gen-1").build());
    send(anEvent().withGeneratedEventId("gen-1").receivedAt(T0.plusSeconds(1)).build());

    assertThat(unique.readValuesToList()).hasSize(2);
    assertThat(duplicates.isEmpty()).isTrue();
  }

  @Test
  void shouldCountFirstInPartitionOrderWhenTimestampsAreOutOfOrder() {
    IngestedEvent later = anEvent().withEventId("e-1").receivedAt(T0.plusSeconds(7200)).build();
    IngestedEvent earlierStamped = anEvent().withEventId("e-1").receivedAt(T0).build();
    IngestedEvent other = anEvent().withEventId("e-2").receivedAt(T0.minusSeconds(60)).build();

    send(later);
    send(earlierStamped);
    send(other);

    assertThat(unique.readValuesToList()).containsExactly(later, other);
    assertThat(duplicates.readValuesToList())
        .extracting(DuplicateEvent::firstIngestId)
        .containsExactly(later.ingestId());
  }

  @Test
  void shouldCountLateReceiptOlderThanRetentionAgain() {
    // Stream time has moved past the window: the id is forgotten, even for a late-stamped copy.
    send(anEvent().withEventId("e-1").receivedAt(T0).build());
    send(anEvent().withEventId("other").receivedAt(T0.plus(Duration.ofDays(10))).build());
    send(anEvent().withEventId("e-1").receivedAt(T0.plusSeconds(60)).build());

    assertThat(unique.readValuesToList())
        .extracting(IngestedEvent::eventId)
        .containsExactly("e-1", "other", "e-1");
  }

  @Test
  void shouldForgetIdsOnceStreamTimeHasPassedWindow() {
    send(anEvent().withEventId("old").receivedAt(T0).build());
    send(anEvent().withEventId("new").receivedAt(T0.plus(Duration.ofDays(15))).build());

    WindowStore<String, FirstReceipt> store =
        driver.getWindowStore(DedupeTopology.FIRST_RECEIPTS_STORE);
    try (var all = store.all()) {
      assertThat(all)
          .toIterable()
          .extracting(entry -> entry.key.key())
          .containsExactly("site-a/new");
    }
  }

  @Test
  void shouldKeyUniqueEventsByLowerCaseScanSession() {
    send(anEvent().withScanSessionId("0F8FAD5B-D9CB-469F-A165-70867728950E").build());

    assertThat(unique.readRecord().key()).isEqualTo("0f8fad5b-d9cb-469f-a165-70867728950e");
  }

  @Test
  void shouldStampDeduplicatedAtOnBothOutputs() {
    send(anEvent().withEventId("e-1").build());
    driver.advanceWallClockTime(Duration.ofSeconds(5));
    send(anEvent().withEventId("e-1").build());

    assertThat(header(unique.readRecord(), PipelineHeaders.DEDUPLICATED_AT))
        .isEqualTo(WALL_CLOCK.toString());
    assertThat(header(duplicates.readRecord(), PipelineHeaders.DEDUPLICATED_AT))
        .isEqualTo(WALL_CLOCK.plusSeconds(5).toString());
  }

  @Test
  void shouldSendUnreadableRecordsToDlqAndKeepGoing() {
    byte[] key = "site-a/broken".getBytes(StandardCharsets.UTF_8);
    byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);
    ObjectNode json = ContractJson.mapper().valueToTree(anEvent().build());
    json.remove("scan_session_id");
    byte[] noSession = json.toString().getBytes(StandardCharsets.UTF_8);

    rawServerEvents.pipeInput(key, garbage, T0);
    rawServerEvents.pipeInput(key, noSession, T0);
    IngestedEvent good = anEvent().build();
    send(good);

    List<TestRecord<byte[], byte[]>> dead = dlq.readRecordsToList();
    assertThat(dead).hasSize(2);
    assertThat(dead.get(0).key()).isEqualTo(key);
    assertThat(dead.get(0).value()).isEqualTo(garbage);
    assertThat(header(dead.get(0), DlqHeaders.ERROR_MESSAGE)).contains("Cannot read IngestedEvent");
    assertThat(header(dead.get(0), DlqHeaders.ERROR_CLASS))
        .isEqualTo("org.apache.kafka.common.errors.SerializationException");
    assertThat(header(dead.get(0), DlqHeaders.SOURCE_TOPIC)).isEqualTo("server-events");
    assertThat(header(dead.get(0), DlqHeaders.SOURCE_PARTITION)).isEqualTo("0");
    assertThat(header(dead.get(0), DlqHeaders.SOURCE_OFFSET)).isEqualTo("0");
    assertThat(header(dead.get(0), DlqHeaders.STAGE)).isEqualTo("dedupe-stream");
    assertThat(header(dead.get(1), DlqHeaders.ERROR_MESSAGE))
        .isEqualTo("scan_session_id is required");
    assertThat(header(dead.get(1), DlqHeaders.SOURCE_OFFSET)).isEqualTo("1");
    assertThat(unique.readValuesToList()).containsExactly(good);
    assertThat(registry.counter("scanflow.dedupe.dead.letters").count()).isEqualTo(2.0);
  }

  @Test
  void shouldDeadLetterEventWithoutEventTimeAtDedupe() {
    IngestedEvent timeless =
        anEvent().withEventId("e-1").build().toBuilder().eventTime(null).build();
    IngestedEvent resend = anEvent().withEventId("e-1").receivedAt(T0.plusSeconds(1)).build();

    send(timeless);
    send(resend);

    TestRecord<byte[], byte[]> letter = dlq.readRecord();
    assertThat(header(letter, DlqHeaders.ERROR_MESSAGE)).isEqualTo("event_time is required");
    assertThat(header(letter, DlqHeaders.STAGE)).isEqualTo("dedupe-stream");
    assertThat(unique.readValuesToList())
        .as("a dead-lettered receipt is not remembered: its resend counts")
        .containsExactly(resend);
  }

  @Test
  void shouldDeadLetterEmptyEventNameAtDedupe() {
    send(anEvent().build().toBuilder().eventName("").build());

    assertThat(header(dlq.readRecord(), DlqHeaders.ERROR_MESSAGE))
        .isEqualTo("event_name must be 1 to 128 characters long");
    assertThat(unique.isEmpty()).isTrue();
  }

  /** Whatever breaks ingested-event.schema.json stops here, so no later stage meets it. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("contractBreaks")
  void shouldDeadLetterEveryBreakOfTheContractAtDedupe(String violation, IngestedEvent broken) {
    IngestedEvent good = anEvent().build();

    send(broken);
    send(good);

    assertThat(header(dlq.readRecord(), DlqHeaders.ERROR_MESSAGE)).isEqualTo(violation);
    assertThat(dlq.isEmpty()).isTrue();
    assertThat(unique.readValuesToList()).containsExactly(good);
    assertThat(duplicates.isEmpty()).isTrue();
  }

  static Stream<Arguments> contractBreaks() {
    IngestedEvent event = anEvent().build();
    return Stream.of(
        Arguments.of(
            "api_key_id is required",
            event.toBuilder().receipt(event.ingestId(), null, event.receivedAt()).build()),
        Arguments.of("schema_version must be 1", event.toBuilder().schemaVersion(2).build()),
        Arguments.of(
            "site_id must be 1 to 64 characters long",
            event.toBuilder().siteId("s".repeat(65)).build()),
        Arguments.of(
            "scan_session_id must be a UUID", event.toBuilder().scanSessionId("session-1").build()),
        Arguments.of(
            "conversion_value.amount must not be negative",
            event.toBuilder()
                .conversionValue(new ConversionValue(new BigDecimal("-0.01"), "EUR"))
                .build()),
        Arguments.of(
            "user_identifiers.email_hash must match [0-9a-f]{64}",
            event.toBuilder()
                .userIdentifiers(new UserIdentifiers("raw@example.com", null))
                .build()));
  }

  @Test
  void shouldDeadLetterReceiptTooLargeToForwardAndLeaveNoTraceOfIt() throws Exception {
    Properties settings = TopologyTestDrivers.settings("dedupe-test");
    settings.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), "8192");
    driver.close();
    startDriver(settings);
    IngestedEvent oversized = padded(anEvent().withEventId("e-big").build(), 8192);
    IngestedEvent resend = anEvent().withEventId("e-big").receivedAt(T0.plusSeconds(1)).build();

    send(oversized);
    send(resend);

    TestRecord<byte[], byte[]> letter = dlq.readRecord();
    assertThat(header(letter, DlqHeaders.ERROR_CLASS))
        .isEqualTo(RecordTooLargeException.class.getName());
    assertThat(header(letter, DlqHeaders.ERROR_MESSAGE)).contains("server-events-unique record of");
    assertThat(header(letter, DlqHeaders.STAGE)).isEqualTo("dedupe-stream");
    assertThat(header(letter, DlqHeaders.SITE_ID)).isEqualTo("site-a");
    assertThat(header(letter, DlqHeaders.SOURCE_TOPIC)).isEqualTo("server-events");
    assertThat(header(letter, DlqHeaders.SOURCE_OFFSET)).isEqualTo("0");
    assertThat(dlq.isEmpty()).isTrue();
    assertThat(unique.readValuesToList())
        .as("the resend counts: the receipt that could not be forwarded was not remembered")
        .containsExactly(resend);
    assertThat(duplicates.isEmpty()).isTrue();
    assertThat(registry.counter("scanflow.dedupe.dead.letters").count()).isEqualTo(1.0);
  }

  private void send(IngestedEvent event) {
    serverEvents.pipeInput(event.eventKey(), event, event.receivedAt());
  }
}
