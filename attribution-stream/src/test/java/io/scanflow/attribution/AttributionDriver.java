package io.scanflow.attribution;

import io.micrometer.core.instrument.MeterRegistry;
import io.scanflow.contract.AttributedEvent;
import io.scanflow.contract.AttributionStatus;
import io.scanflow.contract.IngestedEvent;
import io.scanflow.contract.PipelineHeaders;
import io.scanflow.contract.ScanSession;
import io.scanflow.contract.Topics;
import io.scanflow.contract.TrackingSite;
import io.scanflow.streams.BoundedMemoryRocksDbConfig;
import io.scanflow.streams.testing.TopologyTestDrivers;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The attribution topology as the app builds it, in a fresh {@link TopologyTestDriver} with its own
 * state, and its contract topics: {@code new AttributionDriver(registry, overrides)}.
 */
final class AttributionDriver implements AutoCloseable {
  static final Duration PENDING_TIMEOUT = Duration.ofSeconds(60);
  static final Instant WALL_CLOCK = Instant.parse("2026-11-26T09:00:00Z");

  /** The header dedupe-stream puts on every unique event, which attribution must pass on. */
  static final String DEDUPLICATED_AT = "2026-11-26T08:59:59.500Z";

  final TopologyTestDriver driver;
  final TestInputTopic<String, IngestedEvent> uniqueEvents;
  final TestInputTopic<String, ScanSession> scanSessions;
  final TestInputTopic<String, TrackingSite> trackingSites;
  final TestOutputTopic<String, AttributedEvent> attributed;
  final TestOutputTopic<byte[], byte[]> deadLetters;

  AttributionDriver(MeterRegistry registry, Properties overrides) throws IOException {
    Properties props = TopologyTestDrivers.settings("attribution-test");
    props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryRocksDbConfig.class);
    props.putAll(overrides);
    driver =
        new TopologyTestDriver(
            AttributionTopology.build(PENDING_TIMEOUT, new AttributionMetrics(registry)),
            props,
            WALL_CLOCK);
    uniqueEvents = TopologyTestDrivers.input(driver, Topics.SERVER_EVENTS_UNIQUE);
    scanSessions = TopologyTestDrivers.input(driver, Topics.SCAN_SESSIONS);
    trackingSites = TopologyTestDrivers.input(driver, Topics.TRACKING_SITES);
    attributed = TopologyTestDrivers.output(driver, Topics.SERVER_EVENTS_ATTRIBUTED);
    deadLetters = TopologyTestDrivers.deadLetters(driver);
  }

  /** A registration as ingest-api writes it: key scan_session_id, timestamp scanned_at. */
  void send(ScanSession session) {
    send(session, session.scannedAt().toEpochMilli());
  }

  void send(ScanSession session, long timestamp) {
    scanSessions.pipeInput(session.scanSessionId(), session, timestamp);
  }

  /** A unique event as dedupe-stream writes it: key scan_session_id, with its header. */
  void send(IngestedEvent event) {
    RecordHeaders headers = new RecordHeaders();
    PipelineHeaders.stampDeduplicatedAt(headers, Instant.parse(DEDUPLICATED_AT));
    uniqueEvents.pipeInput(
        new TestRecord<>(event.scanSessionId(), event, headers, event.receivedAt()));
  }

  /** The final records emitted so far, read off the topic: the provisional pending ones dropped. */
  List<TestRecord<String, AttributedEvent>> finals() {
    return attributed.readRecordsToList().stream().filter(out -> !isPending(out)).toList();
  }

  static boolean isPending(TestRecord<String, AttributedEvent> out) {
    return out.value().attribution().status() == AttributionStatus.PENDING;
  }

  @Override
  public void close() {
    driver.close();
  }
}
