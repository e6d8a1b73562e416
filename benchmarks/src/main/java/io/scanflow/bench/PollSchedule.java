package io.scanflow.bench;

import java.time.Duration;

/**
 * When a followed event is looked up next: after {@code max(first, age / 20)}, at most {@code
 * max(first, 1 s)}, its age counted from its 200. The gap between the moment an event becomes
 * visible and the lookup that sees it so stays within about 5 % of the latency being measured (or
 * the first interval, or 1 s), and an event that takes long costs few lookups: when the pipeline
 * falls behind, the lookups grow with the logarithm of the latency instead of with the latency, so
 * the measurement does not add to the very backlog it measures.
 */
record PollSchedule(Duration first) {
  /** 1/20 of the age: the lookup is late by at most 5 % of the latency. */
  static final int AGE_DIVISOR = 20;

  /** No event waits longer than this between two lookups (unless {@code first} is longer). */
  static final Duration LONGEST = Duration.ofSeconds(1);

  PollSchedule {
    if (first.toMillis() < 1) {
      throw new IllegalArgumentException("the poll interval must be at least 1 ms: " + first);
    }
  }

  /** Milliseconds until the next lookup of an event accepted {@code ageNanos} ago. */
  long nextDelayMillis(long ageNanos) {
    long firstMillis = first.toMillis();
    long byAge = Math.max(0, ageNanos) / 1_000_000 / AGE_DIVISOR;
    return Math.max(firstMillis, Math.min(byAge, LONGEST.toMillis()));
  }
}
