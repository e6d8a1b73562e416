package io.scanflow.reports.sink;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether the sink is making progress. Infrastructure failures (database or broker unreachable) are
 * retried without end; once one has lasted {@link #STALL_AFTER}, the sink reports itself stalled
 * (pipeline.md section 1): on {@code /api/pipeline}, in its readiness and on the dashboard.
 */
@ApplicationScoped
public class SinkHealth {
  public static final Duration STALL_AFTER = Duration.ofSeconds(30);

  /** Since when, and why, the sink has been stalled. */
  public record Stall(Instant since, String reason) {}

  private volatile Instant failingSince;
  private volatile String lastFailure;

  /** A write or a dead letter failed for a reason that retrying may fix. */
  public void failing(Instant now, String reason) {
    if (failingSince == null) {
      failingSince = now;
    }
    lastFailure = reason;
  }

  /** A batch was written (or the failure cleared): the sink is moving again. */
  public void progressed() {
    failingSince = null;
    lastFailure = null;
  }

  /** The current stall, if failures have lasted at least {@link #STALL_AFTER}. */
  public Optional<Stall> stall(Instant now) {
    Instant since = failingSince;
    if (since == null || Duration.between(since, now).compareTo(STALL_AFTER) < 0) {
      return Optional.empty();
    }
    return Optional.of(new Stall(since, lastFailure));
  }
}
