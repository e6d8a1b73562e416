package io.scanflow.devstack.supervisor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * When to restart a process that exited on its own, like a {@code restart: unless-stopped} policy
 * with backoff: the delay doubles from 1 s up to 30 s while the process keeps dying within a minute
 * of its start, and goes back to 1 s once it has run for a minute. A process that exits for the 5th
 * time within 2 minutes is given up on: it is reported, not restarted in a tight loop.
 */
public final class RestartPolicy {
  public static final Duration FIRST_DELAY = Duration.ofSeconds(1);
  public static final Duration MAX_DELAY = Duration.ofSeconds(30);
  public static final Duration STABLE_UPTIME = Duration.ofMinutes(1);
  public static final int GIVE_UP_EXITS = 5;
  public static final Duration GIVE_UP_WINDOW = Duration.ofMinutes(2);

  private final Duration firstDelay;
  private final Duration maxDelay;
  private final Duration stableUptime;
  private final int giveUpExits;
  private final Duration giveUpWindow;
  private final Deque<Instant> recentExits = new ArrayDeque<>();
  private int quickExitsInARow;
  private int restarts;

  RestartPolicy(
      Duration firstDelay,
      Duration maxDelay,
      Duration stableUptime,
      int giveUpExits,
      Duration giveUpWindow) {
    this.firstDelay = firstDelay;
    this.maxDelay = maxDelay;
    this.stableUptime = stableUptime;
    this.giveUpExits = giveUpExits;
    this.giveUpWindow = giveUpWindow;
  }

  /** The dev stack's policy, with the constants above. */
  public static RestartPolicy standard() {
    return new RestartPolicy(FIRST_DELAY, MAX_DELAY, STABLE_UPTIME, GIVE_UP_EXITS, GIVE_UP_WINDOW);
  }

  /** What to do about an exit at {@code at} of a process that had run for {@code uptime}. */
  public Decision onExit(Instant at, Duration uptime) {
    recentExits.addLast(at);
    while (Duration.between(recentExits.getFirst(), at).compareTo(giveUpWindow) > 0) {
      recentExits.removeFirst();
    }
    if (recentExits.size() >= giveUpExits) {
      return new GiveUp(recentExits.size(), giveUpWindow);
    }
    quickExitsInARow = uptime.compareTo(stableUptime) >= 0 ? 1 : quickExitsInARow + 1;
    restarts++;
    return new Restart(delay(quickExitsInARow), restarts);
  }

  private Duration delay(int exitsInARow) {
    Duration delay = firstDelay.multipliedBy(1L << Math.min(exitsInARow - 1, 30));
    return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
  }

  /** A decision of the policy. */
  public sealed interface Decision permits Restart, GiveUp {}

  /** Start it again after {@code delay}; this is restart number {@code number} of the process. */
  public record Restart(Duration delay, int number) implements Decision {}

  /** Leave it stopped: it exited {@code exits} times within {@code window}. */
  public record GiveUp(int exits, Duration window) implements Decision {}
}
