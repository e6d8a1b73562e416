package io.scanflow.bench;

import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The phases of a replay as its log reports them ({@code [ 4.5s] Starting ...}, {@code [30.1s]
 * Started (ready) ...}, {@code [140.7s] Replay caught up ...}), in seconds from the replay's start.
 */
record ReplayLog(OptionalDouble startedAt, OptionalDouble readyAt, OptionalDouble caughtUpAt) {
  private static final Pattern LINE = Pattern.compile("^\\[\\s*([0-9.]+)s\\] (.*)$");

  static ReplayLog parse(String log) {
    OptionalDouble started = OptionalDouble.empty();
    OptionalDouble ready = OptionalDouble.empty();
    OptionalDouble caughtUp = OptionalDouble.empty();
    for (String line : log.split("\n")) {
      Matcher matcher = LINE.matcher(line.strip());
      if (!matcher.matches()) {
        continue;
      }
      double at = Double.parseDouble(matcher.group(1));
      if (matcher.group(2).startsWith("Starting ") && started.isEmpty()) {
        started = OptionalDouble.of(at);
      } else if (matcher.group(2).startsWith("Started (ready)") && ready.isEmpty()) {
        ready = OptionalDouble.of(at);
      } else if (matcher.group(2).startsWith("Replay caught up")) {
        caughtUp = OptionalDouble.of(at);
      }
    }
    return new ReplayLog(started, ready, caughtUp);
  }
}
