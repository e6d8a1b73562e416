package io.scanflow.reports.sink;

import static io.scanflow.reports.sink.FailureClassifier.Kind.INFRASTRUCTURE;
import static io.scanflow.reports.sink.FailureClassifier.Kind.RECORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FailureClassifierTest {

  @ParameterizedTest(name = "SQLSTATE {0}")
  @ValueSource(
      strings = {
        "08001", // could not connect
        "08006", // connection failure
        "40001", // serialization failure
        "40P01", // deadlock detected
        "57P01", // admin shutdown
        "57P02", // crash shutdown
        "57P03", // cannot connect now (starting up, in recovery)
        "57014", // query canceled (statement timeout)
        "53100", // disk full
        "53300", // too many connections
        "25006", // read-only transaction (a standby after failover)
        "42P01", // undefined table: the schema, not the record
        "42501", // insufficient privilege
        "28P01", // invalid password
        "55P03", // lock not available
        "XX000" // internal error
      })
  void shouldRetryWhatWouldFailForAnyRecord(String state) {
    assertThat(FailureClassifier.classify(new SQLException("failed", state)))
        .isEqualTo(INFRASTRUCTURE);
  }

  @ParameterizedTest(name = "SQLSTATE {0}")
  @ValueSource(
      strings = {
        "22P05", // untranslatable character: \u0000 in jsonb
        "22021", // invalid byte sequence for encoding UTF8: 0x00
        "22003", // numeric value out of range
        "22P02", // invalid text representation
        "22007", // invalid datetime format
        "22008", // datetime field overflow
        "22023", // invalid parameter value (the driver: zero bytes in a string)
        "23505", // unique violation the statement did not expect
        "23502", // not null violation
        "54000", // program limit exceeded: index row too large
        "21000" // cardinality violation
      })
  void shouldIsolateWhatTheRecordsCaused(String state) {
    assertThat(FailureClassifier.classify(new SQLException("refused", state))).isEqualTo(RECORD);
  }

  @Test
  void shouldRetryAPoolAcquisitionTimeoutWhichHasNoSqlState() {
    // Agroal's words, with the driver's connection failure as the cause.
    SQLException timeout =
        new SQLException(
            "Acquisition timeout while waiting for new connection",
            new SQLException("Connection to localhost:5432 refused", "08001"));

    assertThat(FailureClassifier.classify(timeout)).isEqualTo(INFRASTRUCTURE);
    assertThat(FailureClassifier.classify(new SQLException("Sorry, acquisition timeout!")))
        .isEqualTo(INFRASTRUCTURE);
  }

  @Test
  void shouldRetryTransientAndConnectionExceptionsWhateverTheirState() {
    assertThat(FailureClassifier.classify(new SQLTransientConnectionException("gone", "22000")))
        .isEqualTo(INFRASTRUCTURE);
  }

  @Test
  void shouldClassifyBySqlStateFoundAmongTheCauses() {
    RuntimeException wrappedRefusal =
        new IllegalStateException("write failed", new SQLException("refused", "22P05"));
    RuntimeException wrappedOutage =
        new IllegalStateException("write failed", new SQLException("gone", "08006"));

    assertThat(FailureClassifier.classify(wrappedRefusal)).isEqualTo(RECORD);
    assertThat(FailureClassifier.classify(wrappedOutage)).isEqualTo(INFRASTRUCTURE);
    assertThat(FailureClassifier.classify(new BatchUpdateException("batch", "40P01", null)))
        .isEqualTo(INFRASTRUCTURE);
  }

  @Test
  void shouldRetryBrokerAndNetworkErrorsButNotUnreadableBytes() {
    assertThat(FailureClassifier.classify(new TimeoutException("no ack")))
        .isEqualTo(INFRASTRUCTURE);
    assertThat(FailureClassifier.classify(new UncheckedIOException(new ConnectException("no"))))
        .isEqualTo(INFRASTRUCTURE);
    assertThat(FailureClassifier.classify(new SerializationException("bad bytes")))
        .isEqualTo(RECORD);
  }

  @Test
  void shouldTreatOurOwnCodeFailingOnARecordAsThatRecordsFailure() {
    assertThat(FailureClassifier.classify(new IllegalArgumentException("amount beyond numeric")))
        .isEqualTo(RECORD);
    assertThat(FailureClassifier.classify(new NullPointerException())).isEqualTo(RECORD);
  }
}
