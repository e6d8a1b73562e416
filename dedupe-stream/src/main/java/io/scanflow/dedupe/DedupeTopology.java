package io.scanflow.dedupe;

import io.micrometer.core.instrument.MeterRegistry;
import io.scanflow.contract.IngestedEvent;
import io.scanflow.contract.Topics;
import io.scanflow.streams.DeadLetterRoute;
import io.scanflow.streams.GuardedTopology;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The dedupe-stream topology: {@code server-events} in; the first receipt of each {@code (site_id,
 * event_id)} within the window to {@code server-events-unique} (keyed by scan session), later ones
 * to {@code server-events-duplicates}; a record that cannot be read or deduplicated to {@code
 * server-events-dlq}. As the first stage it applies the contract's rules ({@link
 * IngestedEvent#violations()}): a receipt that breaks them is dead-lettered here, and never later.
 */
@ApplicationScoped
public class DedupeTopology {
  public static final String STAGE = "dedupe-stream";
  public static final String SOURCE = "server-events-source";
  public static final String DEDUPE = "dedupe";
  public static final String FIRST_RECEIPTS_STORE = "dedupe-first-receipts";
  public static final String UNIQUE_SINK = "unique-sink";
  public static final String DUPLICATES_SINK = "duplicates-sink";
  public static final String DLQ_SINK = "dlq-sink";

  @Produces
  public Topology topology(DedupeConfig config, MeterRegistry registry) {
    return build(config.window(), new DedupeMetrics(registry));
  }

  /** The whole topology, from plain values, so tests and tools build exactly what the app runs. */
  public static Topology build(Duration window, DedupeMetrics metrics) {
    DeadLetterRoute route = new DeadLetterRoute(DLQ_SINK, STAGE, metrics::deadLetter);
    Topology topology = new Topology();
    GuardedTopology.addGuardedInput(
        topology,
        SOURCE,
        Topics.SERVER_EVENTS,
        DEDUPE,
        IngestedEvent::violationsOf,
        () -> new DedupeProcessor(window, metrics),
        route);
    topology.addStateStore(firstReceiptsStore(window), DEDUPE);
    GuardedTopology.addSerializedSink(topology, DLQ_SINK, Topics.SERVER_EVENTS_DLQ, DEDUPE);
    GuardedTopology.addSerializedSink(topology, UNIQUE_SINK, Topics.SERVER_EVENTS_UNIQUE, DEDUPE);
    GuardedTopology.addSerializedSink(
        topology, DUPLICATES_SINK, Topics.SERVER_EVENTS_DUPLICATES, DEDUPE);
    return topology;
  }

  /**
   * Retention = window: RocksDB segments older than stream time minus the window are dropped, so
   * the store (and its compacted+deleted changelog) holds at most one window of ids.
   */
  static StoreBuilder<WindowStore<String, FirstReceipt>> firstReceiptsStore(Duration window) {
    return Stores.windowStoreBuilder(
        Stores.persistentWindowStore(FIRST_RECEIPTS_STORE, window, window, false),
        Serdes.String(),
        new FirstReceiptSerde());
  }
}
