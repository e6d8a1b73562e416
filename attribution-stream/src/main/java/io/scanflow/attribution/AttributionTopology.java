package io.scanflow.attribution;

import io.micrometer.core.instrument.MeterRegistry;
import io.scanflow.contract.IngestedEvent;
import io.scanflow.contract.JsonSerde;
import io.scanflow.contract.ScanSession;
import io.scanflow.contract.Topics;
import io.scanflow.contract.Violations;
import io.scanflow.streams.DeadLetterRoute;
import io.scanflow.streams.GuardedTopology;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The attribution-stream topology: {@code server-events-unique} and {@code scan-sessions}
 * (co-partitioned by scan_session_id) meet in one task; {@code tracking-sites} is global; each
 * event leaves once on {@code server-events-attributed}; an event or session that cannot be read or
 * handled goes to the DLQ. Events are checked with the contract's rules ({@link
 * IngestedEvent#violations()}), the same check dedupe-stream dead-letters by, so an event that
 * reaches this stage passes it.
 */
@ApplicationScoped
public class AttributionTopology {
  public static final String STAGE = "attribution-stream";
  public static final String EVENTS_SOURCE = "unique-events-source";
  public static final String ATTRIBUTE_EVENTS = "attribute-events";
  public static final String SESSIONS_SOURCE = "scan-sessions-source";
  public static final String TRACK_SESSIONS = "track-sessions";
  public static final String SITES_SOURCE = "tracking-sites-source";
  public static final String SITES_UPDATER = "tracking-sites-updater";
  public static final String SESSIONS_STORE = "attribution-scan-sessions";
  public static final String PENDING_STORE = "attribution-pending-events";
  public static final String SITES_STORE = "attribution-tracking-sites";
  public static final String ATTRIBUTED_SINK = "attributed-sink";
  public static final String DLQ_SINK = "dlq-sink";

  @Produces
  public Topology topology(AttributionConfig config, MeterRegistry registry) {
    return build(config.pendingTimeout(), new AttributionMetrics(registry));
  }

  /** The whole topology, from plain values, so tests and tools build exactly what the app runs. */
  public static Topology build(Duration pendingTimeout, AttributionMetrics metrics) {
    DeadLetterRoute route = new DeadLetterRoute(DLQ_SINK, STAGE, metrics::deadLetter);
    Topology topology = new Topology();
    topology.addGlobalStore(
        sitesStore(),
        SITES_SOURCE,
        new StringDeserializer(),
        new ByteArrayDeserializer(),
        Topics.TRACKING_SITES.name(),
        SITES_UPDATER,
        () -> new TrackingSitesUpdater(metrics));
    GuardedTopology.addGuardedInput(
        topology,
        EVENTS_SOURCE,
        Topics.SERVER_EVENTS_UNIQUE,
        ATTRIBUTE_EVENTS,
        IngestedEvent::violationsOf,
        () -> new EventAttributionProcessor(pendingTimeout, metrics, route),
        route);
    GuardedTopology.addGuardedInput(
        topology,
        SESSIONS_SOURCE,
        Topics.SCAN_SESSIONS,
        TRACK_SESSIONS,
        AttributionTopology::violationsOfSession,
        () -> new SessionProcessor(metrics, route),
        route);
    topology.addStateStore(sessionsStore(), ATTRIBUTE_EVENTS, TRACK_SESSIONS);
    topology.addStateStore(pendingStore(), ATTRIBUTE_EVENTS, TRACK_SESSIONS);
    GuardedTopology.addSerializedSink(
        topology,
        ATTRIBUTED_SINK,
        Topics.SERVER_EVENTS_ATTRIBUTED,
        ATTRIBUTE_EVENTS,
        TRACK_SESSIONS);
    GuardedTopology.addSerializedSink(
        topology, DLQ_SINK, Topics.SERVER_EVENTS_DLQ, ATTRIBUTE_EVENTS, TRACK_SESSIONS);
    return topology;
  }

  private static StoreBuilder<KeyValueStore<String, ScanSession>> sessionsStore() {
    return Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(SESSIONS_STORE),
        Serdes.String(),
        new JsonSerde<>(ScanSession.class));
  }

  private static StoreBuilder<KeyValueStore<String, PendingEvent>> pendingStore() {
    return Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(PENDING_STORE),
        Serdes.String(),
        new JsonSerde<>(PendingEvent.class));
  }

  /** Global stores are restored from their topic, never from a changelog: no logging. */
  private static StoreBuilder<KeyValueStore<String, byte[]>> sitesStore() {
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(SITES_STORE), Serdes.String(), Serdes.ByteArray())
        .withLoggingDisabled();
  }

  /** A null session is a tombstone, which is fine; a session without site or time is not. */
  static Violations violationsOfSession(ScanSession session) {
    if (session == null) {
      return Violations.NONE;
    }
    if (session.scanSessionId() == null
        || session.siteId() == null
        || session.scannedAt() == null) {
      return Violations.of("scan_session_id, site_id and scanned_at are required");
    }
    return Violations.NONE;
  }
}
