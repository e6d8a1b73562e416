package io.scanflow.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The runner's options, each {@code --name=value}; every default is a documented benchmark. */
record BenchOptions(
    Path home,
    Set<String> only,
    List<Integer> clients,
    Duration warmup,
    Duration duration,
    int batchSize,
    List<Integer> batchClients,
    long kafkaRecords,
    int rate,
    Duration e2eDuration,
    int sampleEvery,
    Duration pollInterval,
    Duration visibleTimeout,
    Duration drainTimeout,
    int sessions,
    Path markdown) {

  static final String USAGE =
      """
      Usage: benchmarks/run [options]   (against a stack started by ./scanflow up)
        --home=.scanflow            the stack's home (where dev-stack.json is)
        --only=e2e,single,batch     which benchmarks to run (default all, in this order)
        --clients=16,128            concurrent clients for single-event ingestion and its ceiling
                                    (one measurement pair per value)
        --warmup=10s                untimed warm-up before each measurement (also end-to-end)
        --duration=30s              each throughput measurement
        --batch-size=100            events per POST /server-events/batch
        --batch-clients=4,16        concurrent clients for batch ingestion (one run per value)
        --kafka-records=300000      records ProducerPerformance sends (the batch ceiling)
        --rate=100                  events per second for end-to-end latency
        --e2e-duration=60s          how long events are sent at that rate
        --sample-every=5            every n-th event is followed until it is visible
        --poll-interval=25ms        how often a followed event is looked up
        --visible-timeout=30s       a followed event not visible by then counts as missing
        --drain-timeout=600s        wait at most this long for the pipeline to catch up between runs
        --sessions=200              scan sessions created first, referenced by every event
        --markdown=FILE             also write the results as a markdown table
      """;

  private static final Set<String> NAMES =
      Set.of(
          "home",
          "only",
          "clients",
          "warmup",
          "duration",
          "batch-size",
          "batch-clients",
          "kafka-records",
          "rate",
          "e2e-duration",
          "sample-every",
          "poll-interval",
          "visible-timeout",
          "drain-timeout",
          "sessions",
          "markdown");

  static BenchOptions parse(String[] args) {
    Map<String, String> given = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      String name = arg.startsWith("--") && eq > 2 ? arg.substring(2, eq) : "";
      if (!NAMES.contains(name)) {
        throw new IllegalArgumentException("Unknown option " + arg + "\n" + USAGE);
      }
      given.put(name, arg.substring(eq + 1));
    }
    return new BenchOptions(
        Path.of(given.getOrDefault("home", ".scanflow")),
        Set.of(given.getOrDefault("only", "e2e,single,batch").split(",")),
        counts(given, "clients", "16,128"),
        duration(given, "warmup", "10s"),
        duration(given, "duration", "30s"),
        positive(given, "batch-size", 100),
        counts(given, "batch-clients", "4,16"),
        positive(given, "kafka-records", 300_000),
        positive(given, "rate", 100),
        duration(given, "e2e-duration", "60s"),
        positive(given, "sample-every", 5),
        duration(given, "poll-interval", "25ms"),
        duration(given, "visible-timeout", "30s"),
        duration(given, "drain-timeout", "600s"),
        positive(given, "sessions", 200),
        given.containsKey("markdown") ? Path.of(given.get("markdown")) : null);
  }

  /** The largest client count: the HTTP connection pool's size. */
  int maxClients() {
    return Math.max(
        batchClients.stream().mapToInt(Integer::intValue).max().orElse(1),
        clients.stream().mapToInt(Integer::intValue).max().orElse(1));
  }

  private static List<Integer> counts(Map<String, String> given, String name, String fallback) {
    List<Integer> counts =
        Arrays.stream(given.getOrDefault(name, fallback).split(","))
            .map(Integer::parseInt)
            .toList();
    if (counts.stream().anyMatch(n -> n < 1)) {
      throw new IllegalArgumentException("--" + name + " values must be at least 1");
    }
    return counts;
  }

  private static int positive(Map<String, String> given, String name, int fallback) {
    int value = Integer.parseInt(given.getOrDefault(name, Integer.toString(fallback)));
    if (value < 1) {
      throw new IllegalArgumentException("--" + name + " must be at least 1");
    }
    return value;
  }

  /** {@code 250ms}, {@code 30s} or {@code 2m}. */
  static Duration duration(Map<String, String> given, String name, String fallback) {
    String text = given.getOrDefault(name, fallback);
    if (text.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
    }
    long amount = Long.parseLong(text.substring(0, text.length() - 1));
    return switch (text.charAt(text.length() - 1)) {
      case 's' -> Duration.ofSeconds(amount);
      case 'm' -> Duration.ofMinutes(amount);
      default -> throw new IllegalArgumentException("--" + name + ": use e.g. 250ms, 30s, 2m");
    };
  }
}
