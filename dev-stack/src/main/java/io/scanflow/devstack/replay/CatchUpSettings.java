package io.scanflow.devstack.replay;

import io.scanflow.devstack.service.ScanflowService;
import java.util.Map;

/**
 * The settings a replay starts the derived stages with while they work off the whole history:
 * fewer, larger transactions and fetches. Each trades latency for throughput, which is right only
 * while catching up (live, {@code commit.interval.ms=100} keeps an event visible within 2 s), so
 * the replay restarts the stages with their own settings once it has caught up. Passed as system
 * properties, like every pass-through key the supervisor sets.
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

  private CatchUpSettings() {}

  /** The catch-up system properties of a derived service; none for any other. */
  public static Map<String, String> of(ScanflowService service) {
    if (service.isStreamsApp()) {
      return STREAMS;
    }
    return service == ScanflowService.REPORTS_SINK ? SINK : Map.of();
  }
}
