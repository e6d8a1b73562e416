package io.scanflow.attribution;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.scanflow.contract.Attribution;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Meters of attribution-stream: events and sessions read, session registrations by outcome,
 * outcomes by status and reason, records sent to the DLQ, tracking sites that cannot be read, and
 * the number of events waiting for their session.
 */
public final class AttributionMetrics {
  private final MeterRegistry registry;
  private final Counter eventsIn;
  private final Counter sessionsIn;
  private final Counter deadLetters;
  private final Counter unreadableSites;
  private final Map<String, Long> pendingByTask = new ConcurrentHashMap<>();

  public AttributionMetrics(MeterRegistry registry) {
    this.registry = registry;
    eventsIn = registry.counter("scanflow.attribution.records.in", "topic", "server-events-unique");
    sessionsIn = registry.counter("scanflow.attribution.records.in", "topic", "scan-sessions");
    deadLetters = registry.counter("scanflow.attribution.dead.letters");
    unreadableSites = registry.counter("scanflow.attribution.unreadable.sites");
    registry.gauge("scanflow.attribution.pending", pendingByTask, AttributionMetrics::sum);
  }

  void eventIn() {
    eventsIn.increment();
  }

  void sessionIn() {
    sessionsIn.increment();
  }

  /**
   * A scan-sessions record that was {@code stored} (the first of its id), {@code repeated} (a later
   * one of the same site, ignored) or {@code refused} (a later one of another site, dead-lettered).
   */
  void sessionRegistration(String outcome) {
    registry.counter("scanflow.attribution.session.registrations", "outcome", outcome).increment();
  }

  void deadLetter() {
    deadLetters.increment();
  }

  void unreadableSite() {
    unreadableSites.increment();
  }

  void outcome(Attribution attribution) {
    String reason = attribution.reason() == null ? "none" : attribution.reason().wireName();
    registry
        .counter(
            "scanflow.attribution.records.out",
            "status",
            attribution.status().wireName(),
            "reason",
            reason)
        .increment();
  }

  /** The pending count of one task, as last counted by its punctuator. */
  void pending(String taskId, long count) {
    pendingByTask.put(taskId, count);
  }

  void taskClosed(String taskId) {
    pendingByTask.remove(taskId);
  }

  private static double sum(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }
}
