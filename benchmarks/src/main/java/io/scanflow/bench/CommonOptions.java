package io.scanflow.bench;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The options every benchmark command has: where the stack is, and how events are followed. */
final class CommonOptions {
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  @Option(
      names = "--home",
      defaultValue = ".scanflow",
      description = "The stack's home, where dev-stack.json is (default: ${DEFAULT-VALUE}).")
  Path home;

  @Option(
      names = "--sessions",
      defaultValue = "200",
      description =
          "Scan sessions created first; every event refers to one of them (default:"
              + " ${DEFAULT-VALUE}).")
  int sessions;

  @Option(
      names = "--poll-interval",
      defaultValue = "100ms",
      description =
          "The first interval between two lookups of a followed event; it grows with the event's"
              + " age (age/20, at most 1 s), so that the lookups stay few when the pipeline falls"
              + " behind (default: ${DEFAULT-VALUE}).")
  Duration pollInterval;

  @Option(
      names = "--visible-timeout",
      defaultValue = "30s",
      description =
          "An accepted event not visible this long after its 200 counts as missing (default:"
              + " ${DEFAULT-VALUE}).")
  Duration visibleTimeout;

  @Option(
      names = "--answer-timeout",
      defaultValue = "30s",
      description =
          "A request with no answer this long counts as never answered, a hang (default:"
              + " ${DEFAULT-VALUE}).")
  Duration answerTimeout;

  @Option(
      names = "--drain-timeout",
      defaultValue = "600s",
      description =
          "Wait at most this long for the pipeline to catch up between runs (default:"
              + " ${DEFAULT-VALUE}).")
  Duration drainTimeout;

  @Option(
      names = "--markdown",
      paramLabel = "FILE",
      description = "Also write the results as markdown to FILE.")
  Path markdown;

  /** Refuses what picocli's types cannot: a poll interval below 1 ms (a lookup loop). */
  void validate(CommandSpec spec) {
    if (pollInterval.toMillis() < 1) {
      throw new ParameterException(spec.commandLine(), "--poll-interval must be at least 1ms");
    }
  }

  /** How followed events are looked up. */
  PollSchedule polling() {
    return new PollSchedule(pollInterval);
  }
}
