package io.scanflow.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code benchmarks/run capacity}: the headline figure of pipeline.md section 7. */
@Command(
    name = "capacity",
    sortOptions = false,
    description = {
      "Finds the highest open-loop rate the whole stack sustains with p99 from sending the request"
          + " to visible in the reports API <= 2 s and nothing missing: steps the rate up, stops at"
          + " the first rate that fails, then sends 1.5x the capacity to check that ingest stays"
          + " honest under overload (200 or 503 with Retry-After within the deadline).",
      "Prints per step the latencies, the lookups per second that following events cost, the CPU"
          + " seconds each process spent per 10,000 events and each process's peak memory."
    })
final class CapacityOptions implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CommonOptions common;

  @Option(
      names = "--rates",
      split = ",",
      defaultValue = "1000,2000,4000,6000,8000,10000,12000",
      description = "The first rates to try, rising (default: ${DEFAULT-VALUE}).")
  List<Integer> rates;

  @Option(
      names = "--increment",
      defaultValue = "2000",
      description =
          "After the listed rates, go on by this many events/s (default: ${DEFAULT-VALUE}).")
  int increment;

  @Option(
      names = "--max-rate",
      defaultValue = "30000",
      description = "Try no rate above this (default: ${DEFAULT-VALUE}).")
  int maxRate;

  @Option(
      names = "--step-duration",
      defaultValue = "60s",
      description =
          "How long each rate is sent (pipeline.md section 7: 60 s; default:"
              + " ${DEFAULT-VALUE}).")
  Duration stepDuration;

  @Option(
      names = "--warmup",
      defaultValue = "60s",
      description =
          "Untimed warm-up at the first rate before the first step; 0s measures a cold stack"
              + " (default: ${DEFAULT-VALUE}).")
  Duration warmup;

  @Option(
      names = "--followed-per-second",
      defaultValue = "20",
      description =
          "Events per second followed until visible, whatever the rate, so that the lookups do"
              + " not load the reports API more at higher rates (default: ${DEFAULT-VALUE}).")
  int followedPerSecond;

  @Option(
      names = "--connections",
      defaultValue = "256",
      description =
          "HTTP connections to ingest-api; more requests in flight wait in the client, on their"
              + " clock (default: ${DEFAULT-VALUE}).")
  int connections;

  @Option(
      names = "--overload-connections",
      defaultValue = "4096",
      description =
          "HTTP connections to ingest-api for the overload step: more than ingest's limit on event"
              + " requests in progress (scanflow.overload.max-concurrency, 1,024), so that the"
              + " surplus reaches ingest, which must answer it, instead of waiting in the runner's"
              + " pool (default: ${DEFAULT-VALUE}).")
  int overloadConnections;

  @Option(
      names = "--overload",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "After the search, send 1.5x the capacity (default: ${DEFAULT-VALUE}).")
  boolean overload;

  @Option(
      names = "--answer-deadline",
      defaultValue = "5s",
      description =
          "Ingest's deadline for an answer: its scanflow.publish.timeout (default:"
              + " ${DEFAULT-VALUE}).")
  Duration answerDeadline;

  @Option(
      names = "--profile",
      paramLabel = "DIR",
      description =
          "Record every JVM of the stack with JFR (jcmd JFR.start settings=default) during each"
              + " step, into DIR/<rate>-<process>.jfr (the overload step: <rate>-overload-...);"
              + " JFR adds its own small CPU cost to the figures.")
  Path profile;

  @Override
  public Integer call() throws Exception {
    CapacityBenchmark.run(this, validated());
    return 0;
  }

  /**
   * Refuses what picocli's types cannot (counts below 1, a deadline beyond the answer timeout,
   * rates that do not rise, a poll interval below 1 ms, a profile directory that cannot be) and
   * returns the rates to try.
   */
  RateSteps validated() {
    common.validate(spec);
    if (profile != null) {
      JfrProfiler.problem(profile, JfrProfiler.jcmd())
          .ifPresent(
              problem -> {
                throw new ParameterException(spec.commandLine(), "--profile: " + problem);
              });
    }
    Positive.require(
        spec,
        "--followed-per-second, --connections, --overload-connections, --sessions",
        List.of(followedPerSecond, connections, overloadConnections, common.sessions));
    if (!answerDeadline.minus(common.answerTimeout).isNegative()) {
      throw new ParameterException(
          spec.commandLine(), "--answer-timeout must be longer than --answer-deadline");
    }
    try {
      return new RateSteps(rates, increment, maxRate);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--rates/--increment: " + e.getMessage());
    }
  }

  /** Every n-th event is followed: about {@code --followed-per-second} of them each second. */
  int sampleEvery(int rate) {
    return Math.max(1, rate / followedPerSecond);
  }
}
