package io.scanflow.reports.api;

import io.scanflow.contract.lag.GroupLag;
import io.scanflow.reports.sink.SinkHealth.Stall;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * Tells a stage that is behind from one that is stuck (pipeline.md section 4: stalled is "no
 * progress for 30 s while it has lag"). Remembers, per group, since when its committed positions
 * have stood still with records waiting. It learns from each reading of the lag, so a stall shows
 * {@code stallAfter} after the first reading that saw it, and "since" is the earliest moment known.
 */
final class ProgressHistory {
  private record Standing(Map<TopicPartition, Long> positions, Instant since) {}

  private final Duration stallAfter;
  private final Map<String, Standing> standing = new HashMap<>();

  ProgressHistory(Duration stallAfter) {
    this.stallAfter = stallAfter;
  }

  /** Records a reading; returns the stall if the group has stood still with lag long enough. */
  synchronized Optional<Stall> observe(GroupLag lag, Instant now) {
    Standing last = standing.get(lag.group());
    if (last == null || lag.lag() == 0 || !last.positions().equals(lag.positions())) {
      // Caught up or moving: the clock starts again.
      last = new Standing(lag.positions(), now);
      standing.put(lag.group(), last);
    }
    Duration still = Duration.between(last.since(), now);
    if (lag.lag() == 0 || still.compareTo(stallAfter) < 0) {
      return Optional.empty();
    }
    return Optional.of(
        new Stall(
            last.since(),
            String.format(
                "no progress for %d s while %d records wait", still.toSeconds(), lag.lag())));
  }
}
