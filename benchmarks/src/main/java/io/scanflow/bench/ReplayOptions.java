package io.scanflow.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code benchmarks/run replay}: how fast {@code ./scanflow replay} rebuilds the tables. */
@Command(
    name = "replay",
    sortOptions = false,
    description = {
      "Writes --events receipts straight into server-events (and their scan sessions into"
          + " scan-sessions) with a Kafka producer, waits until the live pipeline has counted them,"
          + " takes the site's summary, then asks the running stack to replay (as ./scanflow replay"
          + " does) and reports events/s from the reset until every stage has lag 0, and whether the"
          + " summary after the replay equals the one before.",
      "Needs a stack started by ./scanflow up (its control endpoint)."
    })
final class ReplayOptions implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CommonOptions common;

  @Option(
      names = "--events",
      defaultValue = "1000000",
      description = "Receipts written to server-events (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(
      names = "--duplicate-percent",
      defaultValue = "2",
      description = "Receipts that resend an earlier event, 0-50 (default: ${DEFAULT-VALUE}).")
  int duplicatePercent;

  @Option(
      names = "--unknown-session-percent",
      defaultValue = "1",
      description =
          "Events naming a scan session that never exists (session_not_found after the pending"
              + " timeout), 0-50 (default: ${DEFAULT-VALUE}).")
  int unknownSessionPercent;

  @Option(
      names = "--span",
      defaultValue = "3600s",
      description =
          "The receipts' received_at are spread over this time, ending now (default:"
              + " ${DEFAULT-VALUE}).")
  Duration span;

  @Option(
      names = "--replay-timeout",
      defaultValue = "3900s",
      description = "Wait at most this long for the replay to answer (default: ${DEFAULT-VALUE}).")
  Duration replayTimeout;

  @Option(
      names = "--settle-timeout",
      defaultValue = "120s",
      description =
          "After lag 0, wait at most this long for the summary to equal the one before: events"
              + " waiting for a session are released after scanflow.attribution.pending-timeout"
              + " (default: ${DEFAULT-VALUE}).")
  Duration settleTimeout;

  @Override
  public Integer call() throws Exception {
    validate();
    return ReplayBenchmark.run(this) ? 0 : 1;
  }

  void validate() {
    Positive.require(spec, "--events, --sessions", List.of(events, common.sessions));
    for (int percent : List.of(duplicatePercent, unknownSessionPercent)) {
      if (percent < 0 || percent > 50) {
        throw new ParameterException(
            spec.commandLine(),
            "--duplicate-percent, --unknown-session-percent: must be between 0 and 50");
      }
    }
  }
}
