package io.scanflow.reports.auth;

import io.scanflow.reports.ReportsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Slows down guessing of the admin token: after {@code limit} wrong tokens from one client address
 * within a window (which starts at its first failure), that address is refused until the window
 * ends; a right token clears its count. Only wrong secrets count, never a missing or stale session
 * cookie, so an expired dashboard tab cannot lock its user out.
 */
@ApplicationScoped
public class AuthFailureThrottle {
  private static final Logger LOG = Logger.getLogger(AuthFailureThrottle.class);
  // Bounds the memory an attacker with many addresses can take; the oldest windows go first.
  private static final int MAX_ADDRESSES = 10_000;

  private final int limit;
  private final Duration window;
  private final InstantSource clock;
  // Insertion order = window start order: expired windows are at the head.
  private final LinkedHashMap<String, Failures> byAddress = new LinkedHashMap<>();

  private record Failures(Instant windowStart, int count) {}

  @Inject
  public AuthFailureThrottle(ReportsConfig config) {
    this(
        config.reports().authFailureLimit(),
        config.reports().authFailureWindow(),
        InstantSource.system());
  }

  AuthFailureThrottle(int limit, Duration window, InstantSource clock) {
    this.limit = limit;
    this.window = window;
    this.clock = clock;
  }

  /** How long {@code address} must wait before it may present a token again; empty if it may. */
  public synchronized Optional<Duration> blockedFor(String address) {
    Failures failures = byAddress.get(address);
    if (failures == null || failures.count() < limit) {
      return Optional.empty();
    }
    Duration left = Duration.between(clock.instant(), windowEnd(failures));
    return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
  }

  /** Counts a wrong token from {@code address}. */
  public synchronized void failed(String address) {
    Instant now = clock.instant();
    dropEnded(now);
    Failures failures = byAddress.get(address);
    if (failures == null || !windowEnd(failures).isAfter(now)) {
      byAddress.remove(address); // a new window goes to the tail
      if (byAddress.size() >= MAX_ADDRESSES) {
        byAddress.remove(byAddress.keySet().iterator().next());
      }
      failures = new Failures(now, 0);
    }
    failures = new Failures(failures.windowStart(), failures.count() + 1);
    byAddress.put(address, failures); // a running window keeps its place
    if (failures.count() == limit) {
      LOG.warnf(
          "%d wrong admin tokens from %s within %s: refusing its attempts until %s",
          limit, address, window, windowEnd(failures));
    }
  }

  /** A right token from {@code address}: its earlier failures no longer count. */
  public synchronized void succeeded(String address) {
    byAddress.remove(address);
  }

  private void dropEnded(Instant now) {
    Iterator<Map.Entry<String, Failures>> oldestFirst = byAddress.entrySet().iterator();
    while (oldestFirst.hasNext() && !windowEnd(oldestFirst.next().getValue()).isAfter(now)) {
      oldestFirst.remove();
    }
  }

  private Instant windowEnd(Failures failures) {
    return failures.windowStart().plus(window);
  }
}
