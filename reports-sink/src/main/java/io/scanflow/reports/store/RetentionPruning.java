package io.scanflow.reports.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Deletes expired rows of {@code dead_letters} and {@code request_rejections} now and then: at most
 * once an hour per sink instance, after a batch has committed and in a transaction of its own, so
 * that it can never make a batch fail.
 */
final class RetentionPruning {
  private static final Logger LOG = Logger.getLogger(RetentionPruning.class);
  private static final Duration EVERY = Duration.ofHours(1);

  private Instant next = Instant.MIN;

  synchronized void runIfDue(Connection connection, Instant now) {
    if (now.isBefore(next)) {
      return;
    }
    next = now.plus(EVERY);
    try {
      int deadLetters = DeadLetterRows.prune(connection, now);
      int rejections = RejectionRows.prune(connection, now);
      connection.commit();
      if (deadLetters > 0 || rejections > 0) {
        LOG.infof(
            "Pruned %d dead letters older than %s and %d rejections older than %s",
            deadLetters, DeadLetterRows.RETENTION, rejections, RejectionRows.RETENTION);
      }
    } catch (SQLException e) {
      LOG.warnf(
          "Could not prune old dead letters and rejections (will try again in %s): %s", EVERY, e);
      try {
        connection.rollback();
      } catch (SQLException ignored) {
        // The connection is broken; the pool discards it.
      }
    }
  }
}
