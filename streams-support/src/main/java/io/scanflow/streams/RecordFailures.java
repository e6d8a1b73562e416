package io.scanflow.streams;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.errors.StreamsException;

/**
 * Sorts an exception thrown while a stage handles one record into the two kinds of pipeline.md
 * section 1: a <em>record</em> failure (retrying the same record cannot fix it: it goes to the DLQ)
 * or an <em>infrastructure</em> failure (it must propagate, so that Kafka Streams aborts the
 * transaction and retries, or rebalances).
 */
public final class RecordFailures {
  private RecordFailures() {}

  /**
   * True for what the stage's own code throws for a record: any {@link RuntimeException} except
   * Kafka Streams' own ({@link StreamsException} and its subclasses: a task migrated, a corrupted
   * task, a state store that failed, a send that failed earlier) and Kafka client exceptions
   * (timeouts, fencing, authorisation, interruption, wake-up). Of the latter only {@link
   * SerializationException} (a serde could not read or write this record's value) and {@link
   * RecordTooLargeException} (thrown by {@link OutputRecords} before anything is sent) are the
   * record's fault.
   */
  public static boolean isRecordFailure(RuntimeException e) {
    if (e instanceof StreamsException) {
      return false;
    }
    if (e instanceof KafkaException) {
      return e instanceof SerializationException || e instanceof RecordTooLargeException;
    }
    return true;
  }
}
