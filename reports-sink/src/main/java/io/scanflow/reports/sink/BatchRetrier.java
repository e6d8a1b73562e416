package io.scanflow.reports.sink;

import io.quarkus.runtime.ShutdownEvent;
import io.scanflow.reports.ReportsConfig;
import io.scanflow.reports.store.ReportBatch;
import io.scanflow.reports.store.ReportWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jboss.logging.Logger;

/**
 * Writes a batch until the database has committed it (isolating the records it refuses, see {@link
 * PoisonIsolation}), and sends dead letters until the broker has acknowledged them, pausing with
 * exponential backoff while PostgreSQL or the broker is unreachable and telling {@link SinkHealth}.
 * While it waits the sink's consumer stops fetching (the connector pauses when its queue is full),
 * so nothing is skipped and nothing is acknowledged.
 */
@ApplicationScoped
public class BatchRetrier {
  private static final Logger LOG = Logger.getLogger(BatchRetrier.class);

  private final PoisonIsolation.Transaction<PolledRecord> transaction;
  private final DeadLetterWriter deadLetters;
  private final SinkHealth health;
  private final Duration minBackoff;
  private final Duration maxBackoff;
  private volatile boolean stopping;

  @Inject
  public BatchRetrier(
      ReportWriter writer, DeadLetterWriter deadLetters, SinkHealth health, ReportsConfig config) {
    this(
        records -> writer.write(ReportBatch.of(records.stream().map(PolledRecord::row).toList())),
        deadLetters,
        health,
        config);
  }

  BatchRetrier(
      PoisonIsolation.Transaction<PolledRecord> transaction,
      DeadLetterWriter deadLetters,
      SinkHealth health,
      ReportsConfig config) {
    this.transaction = transaction;
    this.deadLetters = deadLetters;
    this.health = health;
    this.minBackoff = config.reports().retryBackoffMin();
    this.maxBackoff = config.reports().retryBackoffMax();
  }

  /**
   * Returns once every record is committed except those the database refused on their own, which it
   * returns as dead letters. Throws only when the application stops first: the batch is then not
   * acknowledged and will be delivered again.
   */
  public List<DeadLetter> writeUntilCommitted(List<PolledRecord> records) {
    if (records.isEmpty()) {
      return List.of();
    }
    List<PoisonIsolation.Culprit<PolledRecord>> culprits =
        untilDone(
            "write a batch of " + records.size() + " records",
            () -> PoisonIsolation.write(records, this::attempt));
    return culprits.stream().map(c -> DeadLetter.of(c.record().source(), c.error())).toList();
  }

  /** One transaction; each has its own stall clock, so that a long bisection is not a stall. */
  private void attempt(List<PolledRecord> records) throws Exception {
    health.attempting(Instant.now());
    transaction.write(records);
  }

  /**
   * Returns once the broker has acknowledged every dead letter (each attempt sends only those still
   * unacknowledged). Throws only when the application stops first, like {@link
   * #writeUntilCommitted}.
   */
  public void deadLetterUntilAcknowledged(List<DeadLetter> letters) {
    List<DeadLetter> pending = new ArrayList<>(letters);
    untilDone(
        "send " + pending.size() + " records to the DLQ",
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
        health.attempting(Instant.now());
        T result = attempt.call();
        health.progressed();
        if (failures > 0) {
          LOG.infof("Could %s again after %d failed attempts", what, failures);
        }
        return result;
      } catch (Exception e) {
        failures++;
        health.failing(Instant.now(), ErrorText.of(e));
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
          what, ErrorText.of(e), backoff);
    } else {
      LOG.debugf("Attempt %d failed: %s", failures, ErrorText.of(e));
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
