package io.scanflow.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code benchmarks/run}: the suite of pipeline.md section 7; every default is documented. */
@Command(
    name = "benchmarks/run",
    sortOptions = false,
    subcommands = {CapacityOptions.class, ReplayOptions.class},
    description = {
      "Runs the service-level benchmarks of pipeline.md section 7 against a stack started by"
          + " ./scanflow up, and prints each result next to its ceiling measured in the same run.",
      "The 'capacity' command finds the highest rate the whole stack sustains; 'replay' measures"
          + " how fast ./scanflow replay rebuilds the report tables."
    })
final class BenchOptions implements Callable<Integer> {
  static final Set<String> BENCHMARKS =
      Set.of("e2e", "single", "ingest-only", "batch", "batch-ingest-only");

  @Spec CommandSpec spec;
  @Mixin CommonOptions common;

  @Option(
      names = "--only",
      split = ",",
      defaultValue = "e2e,single,ingest-only,batch,batch-ingest-only",
      description =
          "Which benchmarks to run, in this order (default: ${DEFAULT-VALUE}); ingest-only and"
              + " batch-ingest-only are single-event and batch ingestion with the downstream"
              + " stages paused.")
  Set<String> only;

  @Option(
      names = "--clients",
      split = ",",
      defaultValue = "16,128",
      description =
          "Concurrent clients for single-event ingestion and its ceiling, one measurement pair per"
              + " value (default: ${DEFAULT-VALUE}).")
  List<Integer> clients;

  @Option(
      names = "--warmup",
      defaultValue = "10s",
      description = "Untimed warm-up before each measurement (default: ${DEFAULT-VALUE}).")
  Duration warmup;

  @Option(
      names = "--duration",
      defaultValue = "30s",
      description = "Each throughput measurement (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(
      names = "--batch-size",
      defaultValue = "100",
      description = "Events per POST /server-events/batch (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--batch-clients",
      split = ",",
      defaultValue = "4,16",
      description =
          "Concurrent clients for batch ingestion, one run per value (default: ${DEFAULT-VALUE}).")
  List<Integer> batchClients;

  @Option(
      names = "--kafka-records",
      defaultValue = "300000",
      description =
          "Records ProducerPerformance sends, the batch ceiling (default: ${DEFAULT-VALUE}).")
  long kafkaRecords;

  @Option(
      names = "--rate",
      defaultValue = "100",
      description = "Events per second for end-to-end latency (default: ${DEFAULT-VALUE}).")
  int rate;

  @Option(
      names = "--e2e-duration",
      defaultValue = "60s",
      description = "How long events are sent at that rate (default: ${DEFAULT-VALUE}).")
  Duration e2eDuration;

  @Option(
      names = "--sample-every",
      defaultValue = "5",
      description =
          "Every n-th end-to-end event is followed until it is visible (default:"
              + " ${DEFAULT-VALUE}).")
  int sampleEvery;

  @Override
  public Integer call() throws Exception {
    validate();
    SuiteBenchmarks.run(this);
    return 0;
  }

  /**
   * Refuses what picocli's types cannot: counts below 1, unknown benchmark names, a poll interval
   * below 1 ms.
   */
  void validate() {
    common.validate(spec);
    for (String name : only) {
      if (!BENCHMARKS.contains(name)) {
        throw new ParameterException(
            spec.commandLine(), "--only: unknown benchmark " + name + "; one of " + BENCHMARKS);
      }
    }
    Positive.require(spec, "--clients", clients);
    Positive.require(spec, "--batch-clients", batchClients);
    Positive.require(
        spec,
        "--batch-size, --kafka-records, --rate, --sample-every, --sessions",
        List.of(batchSize, kafkaRecords, rate, sampleEvery, common.sessions));
  }

  /** The largest client count: the HTTP connection pool's size. */
  int maxClients() {
    return Math.max(
        batchClients.stream().mapToInt(Integer::intValue).max().orElse(1),
        clients.stream().mapToInt(Integer::intValue).max().orElse(1));
  }

  Path home() {
    return common.home;
  }

  Set<String> only() {
    return only;
  }

  List<Integer> clients() {
    return clients;
  }

  Duration warmup() {
    return warmup;
  }

  Duration duration() {
    return duration;
  }

  int batchSize() {
    return batchSize;
  }

  List<Integer> batchClients() {
    return batchClients;
  }

  long kafkaRecords() {
    return kafkaRecords;
  }

  int rate() {
    return rate;
  }

  Duration e2eDuration() {
    return e2eDuration;
  }

  int sampleEvery() {
    return sampleEvery;
  }

  CommonOptions common() {
    return common;
  }
}
