package io.scanflow.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.TaskCorruptedException;
import org.apache.kafka.streams.errors.TaskMigratedException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RecordFailuresTest {
  static Stream<RuntimeException> recordFailures() {
    return Stream.of(
        new IllegalStateException("bug"),
        new NullPointerException("no event_time"),
        new DateTimeException("Instant exceeds minimum or maximum instant"),
        new ArithmeticException("overflow"),
        new IllegalArgumentException("odd value"),
        new SerializationException("cannot write"),
        new RecordTooLargeException("too large"));
  }

  static Stream<RuntimeException> infrastructureFailures() {
    return Stream.of(
        new StreamsException("send failed earlier"),
        new TaskMigratedException("fenced"),
        new TaskCorruptedException(Set.of()),
        new ProcessorStateException("RocksDB write failed"),
        new TimeoutException("broker too slow"),
        new ProducerFencedException("fenced"),
        new TopicAuthorizationException("denied"),
        new InterruptException("interrupted"),
        new WakeupException());
  }

  @ParameterizedTest
  @MethodSource("recordFailures")
  void shouldTreatFailuresOfTheStagesOwnCodeAsTheRecords(RuntimeException e) {
    assertThat(RecordFailures.isRecordFailure(e)).isTrue();
  }

  @ParameterizedTest
  @MethodSource("infrastructureFailures")
  void shouldLetKafkaAndStreamsFailuresPropagate(RuntimeException e) {
    assertThat(RecordFailures.isRecordFailure(e)).isFalse();
  }
}
