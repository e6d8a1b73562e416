package io.scanflow.ingest.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The other ingest-api instances heard from recently. An instance that dies just stops being heard
 * from; one that stops cleanly says so and is forgotten at once.
 */
final class PeerInstances {
  private final Map<String, Long> lastHeard = new ConcurrentHashMap<>();
  private final long timeoutNanos;

  PeerInstances(long timeoutNanos) {
    this.timeoutNanos = timeoutNanos;
  }

  void heard(String instanceId, long nowNanos) {
    lastHeard.put(instanceId, nowNanos);
  }

  void stopped(String instanceId) {
    lastHeard.remove(instanceId);
  }

  /** How many were heard from within the timeout; forgets the others. */
  int alive(long nowNanos) {
    lastHeard.values().removeIf(at -> nowNanos - at > timeoutNanos);
    return lastHeard.size();
  }
}
