package io.scanflow.reports.sink;

import io.scanflow.reports.ReportsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Whether the sink is making progress. Infrastructure failures (database or broker unreachable) are
 * retried without end; once they have lasted {@code scanflow.reports.stall-after} (30 s), or one
 * attempt has not returned for that long (a database that hangs instead of failing), the sink
 * reports itself stalled (pipeline.md section 1): on {@code /api/pipeline}, in its readiness and on
 * the dashboard. Logs one ERROR when it becomes stalled and one INFO when it moves again.
 */
@ApplicationScoped
public class SinkHealth {
  private static final Logger LOG = Logger.getLogger(SinkHealth.class);

  /** Since when, and why, the sink has been stalled. */
  public record Stall(Instant since, String reason) {}

  private final Duration stallAfter;
  private Instant failingSince;
  private String lastFailure;
  private Instant attemptSince;
  private Stall reported;

  @Inject
  public SinkHealth(ReportsConfig config) {
    this(config.reports().stallAfter());
  }

  public SinkHealth(Duration stallAfter) {
    this.stallAfter = stallAfter;
  }

  /** {@code scanflow.reports.stall-after}: also how long another stage may stand still. */
  public Duration stallAfter() {
    return stallAfter;
  }

  /** A write or a dead letter is being attempted. */
  public synchronized void attempting(Instant now) {
    attemptSince = now;
  }

  /** A write or a dead letter failed for a reason that retrying may fix. */
  public synchronized void failing(Instant now, String reason) {
    if (failingSince == null) {
      failingSince = now;
    }
    lastFailure = reason;
    attemptSince = null;
    stall(now);
  }

  /** A batch was written (or the failure cleared): the sink is moving again. */
  public synchronized void progressed() {
    if (reported != null) {
      LOG.infof(
          "reports-sink is making progress again after being stalled since %s", reported.since());
    }
    failingSince = null;
    lastFailure = null;
    attemptSince = null;
    reported = null;
  }

  /** The current stall, if failures (or one attempt) have lasted at least the stall time. */
  public synchronized Optional<Stall> stall(Instant now) {
    Stall stall = null;
    if (failingSince != null && lasted(failingSince, now)) {
      stall = new Stall(failingSince, lastFailure);
    } else if (attemptSince != null && lasted(attemptSince, now)) {
      stall =
          new Stall(attemptSince, "a write to the database or the DLQ has not returned since then");
    }
    if (stall != null && reported == null) {
      reported = stall;
      LOG.errorf(
          "reports-sink is STALLED: no progress since %s (%s). Reports are not being updated;"
              + " it keeps retrying and nothing is skipped.",
          stall.since(), stall.reason());
    }
    return Optional.ofNullable(stall);
  }

  private boolean lasted(Instant since, Instant now) {
    return Duration.between(since, now).compareTo(stallAfter) >= 0;
  }
}
