package io.scanflow.reports.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Deletes expired rows of {@code dead_letters} now and then: at most once an hour per sink
 * instance, after a batch has committed and in a transaction of its own, so that it can never make
 * a batch fail.
 */
final class DeadLetterPruning {
  private static final Logger LOG = Logger.getLogger(DeadLetterPruning.class);
  private static final Duration EVERY = Duration.ofHours(1);

  private Instant next = Instant.MIN;

  synchronized void runIfDue(Connection connection, Instant now) {
    if (now.isBefore(next)) {
      return;
    }
    next = now.plus(EVERY);
    try {
      int pruned = DeadLetterRows.prune(connection, now);
      connection.commit();
      if (pruned > 0) {
        LOG.infof("Pruned %d dead letters older than %s", pruned, DeadLetterRows.RETENTION);
      }
    } catch (SQLException e) {
      LOG.warnf("Could not prune old dead letters (will try again in %s): %s", EVERY, e);
      try {
        connection.rollback();
      } catch (SQLException ignored) {
        // The connection is broken; the pool discards it.
      }
    }
  }
}
