package io.scanflow.devstack.replay;

import io.scanflow.devstack.service.LaunchSettings;
import io.scanflow.devstack.service.ScanflowService;
import java.util.Map;

/**
 * The settings a replay starts the derived stages with while they work off the whole history:
 * fewer, larger transactions and fetches. Each trades latency for throughput, which is right only
 * while catching up (live, {@code commit.interval.ms=100} keeps an event visible within 2 s), so
 * the replay restarts the stages with their own settings once it has caught up. Passed as system
 * properties, like every pass-through key the supervisor sets.
 *
 * <p>While catching up the stages also have a larger heap, which they keep (the JVM's default heap
 * free ratios, not {@link io.scanflow.devstack.process.JvmMemory#HEAP_FREE_RATIOS}): a replay is
 * one long burst, and with 128 MB reports-sink's heap was full with 35–58 MB of records in flight
 * still live after each full collection, about one a second. Measured in two pairs of replays of a
 * million events (docs/benchmarks.md, "A larger heap while catching up"): about 10 % faster, for
 * 45–65 MB more resident memory per stage until the restart into live settings.
 */
public final class CatchUpSettings {
  /** Kafka Streams: one exactly-once transaction per second instead of ten. */
  static final Map<String, String> STREAMS =
      Map.of(
          "kafka-streams.commit.interval.ms", "1000",
          "kafka-streams.max.poll.records", "5000",
          "kafka-streams.fetch.min.bytes", "65536",
          "kafka-streams.fetch.max.wait.ms", "100",
          "kafka-streams.producer.batch.size", "262144",
          "kafka-streams.producer.linger.ms", "100");

  /** reports-sink: one database transaction (one synchronous commit) per 10,000 records. */
  static final Map<String, String> SINK =
      Map.of(
          "mp.messaging.incoming.reports-in.max.poll.records", "10000",
          "mp.messaging.incoming.reports-in.fetch.min.bytes", "65536",
          "mp.messaging.incoming.reports-in.fetch.max.wait.ms", "100");

  /** The derived stages' maximum heap while catching up (live: 128 MB). */
  static final String MAX_HEAP = "-Xmx256m";

  private CatchUpSettings() {}

  /** The catch-up settings of a derived service; its own settings for any other. */
  public static LaunchSettings of(ScanflowService service) {
    if (service.isStreamsApp()) {
      return new LaunchSettings(STREAMS, MAX_HEAP, true);
    }
    return service == ScanflowService.REPORTS_SINK
        ? new LaunchSettings(SINK, MAX_HEAP, true)
        : LaunchSettings.OWN;
  }
}
