package io.scanflow.ingest.http;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Counters on {@code /q/metrics}: events and scan sessions accepted or rejected, refusals. */
@ApplicationScoped
public class IngestMetrics {
  @Inject MeterRegistry registry;

  public void eventsAccepted(int count) {
    registry.counter("scanflow.ingest.events.accepted").increment(count);
  }

  /** Events refused for their content (validation, site mismatch) or not stored (503). */
  public void eventsRejected(int count, String reason) {
    registry.counter("scanflow.ingest.events.rejected", "reason", reason).increment(count);
  }

  public void scanSession(String outcome) {
    registry.counter("scanflow.ingest.scan.sessions", "outcome", outcome).increment();
  }

  /** Requests refused before their body was read (auth, rate limit). */
  public void refused(String reason) {
    registry.counter("scanflow.ingest.requests.refused", "reason", reason).increment();
  }

  /**
   * A refusal for the rejection log: {@code published} (acknowledged), {@code capped} (over the
   * per-key cap), {@code dropped} (buffer full or Kafka failed).
   */
  public void rejection(String outcome) {
    registry.counter("scanflow.ingest.rejections", "outcome", outcome).increment();
  }
}
