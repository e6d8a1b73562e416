package io.scanflow.reports.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Sorts the failures of the sink into the two kinds of pipeline.md section 1. Infrastructure
 * failures (the database or the broker unreachable, busy, shutting down, or not set up as expected)
 * would hit any record, so they are retried and nothing is skipped. Everything else failed because
 * of the records written: the sink sets those records apart and dead-letters them.
 */
public final class FailureClassifier {
  /** What a failure says about the records that were being written. */
  public enum Kind {
    /** Retrying the same records later can succeed: retry, never skip. */
    INFRASTRUCTURE,
    /** Retrying the same records cannot succeed: isolate and dead-letter the culprits. */
    RECORD
  }

  /**
   * SQLSTATE classes that say nothing about the data: connection (08), transaction state (25), bad
   * credentials (28), missing database or schema (3D, 3F), the schema or permissions (42: a missing
   * table would otherwise dead-letter every record), insufficient resources (53), object not in the
   * required state / lock not available (55), operator intervention, shutdown and cancellation
   * (57), system errors (58) and internal errors (XX).
   */
  private static final Set<String> INFRASTRUCTURE_CLASSES =
      Set.of("08", "25", "28", "3D", "3F", "42", "53", "55", "57", "58", "XX");

  /** Serialization failure, statement completion unknown, deadlock detected. */
  private static final Set<String> INFRASTRUCTURE_STATES = Set.of("40001", "40003", "40P01");

  /** Bounds the walk along the causes (a cause chain may, in theory, be a cycle). */
  private static final int MAX_CAUSES = 20;

  private FailureClassifier() {}

  public static Kind classify(Throwable failure) {
    Throwable cause = failure;
    for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++) {
      if (cause instanceof SQLException sql) {
        return classify(sql);
      }
      if (cause instanceof KafkaException && !(cause instanceof SerializationException)) {
        return Kind.INFRASTRUCTURE;
      }
      if (cause instanceof IOException
          || cause instanceof UncheckedIOException
          || cause instanceof TimeoutException
          || cause instanceof CancellationException
          || cause instanceof InterruptedException) {
        return Kind.INFRASTRUCTURE;
      }
      cause = cause.getCause();
    }
    return Kind.RECORD;
  }

  private static Kind classify(SQLException failure) {
    if (failure instanceof SQLTransientException
        || failure instanceof SQLRecoverableException
        || failure instanceof SQLNonTransientConnectionException) {
      return Kind.INFRASTRUCTURE;
    }
    String state = failure.getSQLState();
    // No SQLSTATE: the pool or the driver failed (e.g. Agroal's acquisition timeout), not the
    // server judging the data.
    if (state == null || state.length() != 5) {
      return Kind.INFRASTRUCTURE;
    }
    return INFRASTRUCTURE_STATES.contains(state)
            || INFRASTRUCTURE_CLASSES.contains(state.substring(0, 2))
        ? Kind.INFRASTRUCTURE
        : Kind.RECORD;
  }
}
