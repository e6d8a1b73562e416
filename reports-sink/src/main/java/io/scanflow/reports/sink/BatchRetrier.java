package io.scanflow.reports.sink;

import io.quarkus.runtime.ShutdownEvent;
import io.scanflow.reports.ReportsConfig;
import io.scanflow.reports.store.ReportBatch;
import io.scanflow.reports.store.ReportWriter;
import io.scanflow.reports.store.WriteResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Writes a batch until the database has committed it, pausing with exponential backoff while
 * PostgreSQL is unreachable. While it waits the sink's consumer stops fetching (the connector
 * pauses when its queue is full), so nothing is skipped and nothing is acknowledged.
 */
@ApplicationScoped
public class BatchRetrier {
  private static final Logger LOG = Logger.getLogger(BatchRetrier.class);

  private final ReportWriter writer;
  private final Duration minBackoff;
  private final Duration maxBackoff;
  private volatile boolean stopping;

  public BatchRetrier(ReportWriter writer, ReportsConfig config) {
    this.writer = writer;
    this.minBackoff = config.reports().retryBackoffMin();
    this.maxBackoff = config.reports().retryBackoffMax();
  }

  /**
   * Returns once the batch is committed. Throws only when the application stops first: the batch is
   * then not acknowledged and will be delivered again.
   */
  public WriteResult writeUntilCommitted(ReportBatch batch) {
    Duration backoff = minBackoff;
    int failures = 0;
    while (true) {
      try {
        WriteResult result = writer.write(batch);
        if (failures > 0) {
          LOG.infof("Report tables reachable again after %d failed attempts", failures);
        }
        return result;
      } catch (Exception e) {
        failures++;
        if (stopping) {
          throw new IllegalStateException("Stopping before the batch was written", e);
        }
        logFailure(batch, failures, backoff, e);
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

  private static void logFailure(ReportBatch batch, int failures, Duration backoff, Exception e) {
    // One warning per outage, then quieter, so that a long outage does not flood the log.
    if (failures == 1) {
      LOG.warnf(
          "Could not write a batch of %d records (%s); retrying every ≤%s until it commits",
          batch.size(), e.getMessage(), backoff);
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
