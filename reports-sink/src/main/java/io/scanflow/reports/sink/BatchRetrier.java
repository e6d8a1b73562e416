package io.scanflow.reports.sink;

import io.quarkus.runtime.ShutdownEvent;
import io.scanflow.reports.ReportsConfig;
import io.scanflow.reports.store.ReportBatch;
import io.scanflow.reports.store.ReportWriter;
import io.scanflow.reports.store.WriteResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jboss.logging.Logger;

/**
 * Writes a batch until the database has committed it (and sends its dead letters until the broker
 * has acknowledged them), pausing with exponential backoff while PostgreSQL or the broker is
 * unreachable. While it waits the sink's consumer stops fetching (the connector pauses when its
 * queue is full), so nothing is skipped and nothing is acknowledged.
 */
@ApplicationScoped
public class BatchRetrier {
  private static final Logger LOG = Logger.getLogger(BatchRetrier.class);

  private final ReportWriter writer;
  private final DeadLetterWriter deadLetters;
  private final Duration minBackoff;
  private final Duration maxBackoff;
  private volatile boolean stopping;

  public BatchRetrier(ReportWriter writer, DeadLetterWriter deadLetters, ReportsConfig config) {
    this.writer = writer;
    this.deadLetters = deadLetters;
    this.minBackoff = config.reports().retryBackoffMin();
    this.maxBackoff = config.reports().retryBackoffMax();
  }

  /**
   * Returns once the batch is committed. Throws only when the application stops first: the batch is
   * then not acknowledged and will be delivered again.
   */
  public WriteResult writeUntilCommitted(ReportBatch batch) {
    return untilDone("write a batch of " + batch.size() + " records", () -> writer.write(batch));
  }

  /**
   * Returns once the broker has acknowledged every dead letter (each attempt sends only those still
   * unacknowledged). Throws only when the application stops first, like {@link
   * #writeUntilCommitted}.
   */
  public void deadLetterUntilAcknowledged(List<UnreadableRecord> unreadable) {
    List<UnreadableRecord> pending = new ArrayList<>(unreadable);
    untilDone(
        "send " + pending.size() + " unreadable records to the DLQ",
        () -> {
          deadLetters.send(pending);
          return null;
        });
  }

  private <T> T untilDone(String what, Callable<T> attempt) {
    Duration backoff = minBackoff;
    int failures = 0;
    while (true) {
      try {
        T result = attempt.call();
        if (failures > 0) {
          LOG.infof("Could %s again after %d failed attempts", what, failures);
        }
        return result;
      } catch (Exception e) {
        failures++;
        if (stopping) {
          throw new IllegalStateException("Stopping before the batch was done: " + what, e);
        }
        logFailure(what, failures, backoff, e);
        pause(backoff);
        backoff =
            backoff.multipliedBy(2).compareTo(maxBackoff) > 0
                ? maxBackoff
                : backoff.multipliedBy(2);
      }
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    stopping = true;
  }

  private static void logFailure(String what, int failures, Duration backoff, Exception e) {
    // One warning per outage, then quieter, so that a long outage does not flood the log.
    if (failures == 1) {
      LOG.warnf(
          "Could not %s (%s); retrying with backoff from %s until it succeeds",
          what, e.getMessage(), backoff);
    } else {
      LOG.debugf("Attempt %d failed: %s", failures, e.getMessage());
    }
  }

  private void pause(Duration backoff) {
    try {
      Thread.sleep(backoff.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted before the batch was written", e);
    }
  }
}
