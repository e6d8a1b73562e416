package io.scanflow.contract.registry;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Knows whether the key registry is current: whether it has read its topics up to end offsets that
 * were fetched from Kafka no longer than the staleness limit ago. Until then (just started, or cut
 * off from Kafka) a key the registry does not know may still exist, so it must not be called
 * invalid. Times are {@link System#nanoTime()} values, passed in so the rule can be tested by hand.
 */
final class CatchUpClock {
  private final long maxStalenessNanos;
  private Map<TopicPartition, Long> target;
  private long targetFetchedAt;
  private boolean confirmed;
  private long confirmedAt;

  CatchUpClock(Duration maxStaleness) {
    this.maxStalenessNanos = maxStaleness.toNanos();
  }

  /**
   * The end offsets of every followed partition, asked for at {@code askedAt} (taken before the
   * request went out, so the confirmation never claims more than was true).
   */
  synchronized void endsFetched(Map<TopicPartition, Long> ends, long askedAt) {
    target = Map.copyOf(ends);
    targetFetchedAt = askedAt;
  }

  /** The follower's positions now; reaching the target confirms the registry as of its time. */
  synchronized void positionsAre(Map<TopicPartition, Long> positions) {
    if (target == null) {
      return;
    }
    boolean reached =
        target.entrySet().stream()
            .allMatch(end -> positions.getOrDefault(end.getKey(), 0L) >= end.getValue());
    if (reached) {
      confirmed = true;
      confirmedAt = targetFetchedAt;
      target = null;
    }
  }

  /**
   * True when a new end-offset check should start: none is pending and the last one is {@code
   * interval} old, or the pending one is too old to ever make the registry current.
   */
  synchronized boolean checkDue(long now, Duration interval) {
    if (target != null) {
      return now - targetFetchedAt > maxStalenessNanos;
    }
    return !confirmed || now - confirmedAt >= interval.toNanos();
  }

  /** True once the registry was ever caught up: it read everything that was there at start. */
  synchronized boolean everCaughtUp() {
    return confirmed;
  }

  /** True while the last confirmed catch-up is no older than the staleness limit. */
  synchronized boolean isCurrent(long now) {
    return confirmed && now - confirmedAt <= maxStalenessNanos;
  }
}
