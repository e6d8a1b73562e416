package io.scanflow.streams;

import io.scanflow.contract.DlqHeaders;
import io.scanflow.contract.Violations;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The node after a byte-array source: reads the contract record from the raw bytes, checks it, and
 * runs the stage's processor on it. When reading, checking or processing fails for that record
 * ({@link RecordFailures}), the untouched input bytes go to the DLQ sink with {@link DlqHeaders}
 * and the next record is processed; infrastructure failures propagate.
 *
 * <p>Reading and processing in one node keeps the original bytes in hand without copying them into
 * the record, and keeps the dead letter in the same exactly-once transaction as the input offset:
 * Kafka 4.1's deserialization and processing exception handlers can only say continue or fail, so
 * they could write the DLQ only with a producer of their own, outside the transaction.
 *
 * <p>The guard cannot take back what the stage did before it threw; so each stage computes and
 * serialises everything first ({@link OutputRecords}) and only then writes its stores and forwards.
 */
public final class GuardedProcessor<V> implements Processor<byte[], byte[], byte[], byte[]> {
  private final Deserializer<V> deserializer;
  private final Function<V, Violations> violationsOf;
  private final Processor<String, V, byte[], byte[]> stage;
  private final DeadLetterRoute route;
  private ProcessorContext<byte[], byte[]> context;
  private DeadLetters deadLetters;

  /**
   * @param violationsOf what is wrong with a deserialised value (it may be null for a tombstone);
   *     empty when the stage can process it
   * @param stage the stage's processor; it forwards serialised records through the same context
   */
  public GuardedProcessor(
      Deserializer<V> deserializer,
      Function<V, Violations> violationsOf,
      Processor<String, V, byte[], byte[]> stage,
      DeadLetterRoute route) {
    this.deserializer = deserializer;
    this.violationsOf = violationsOf;
    this.stage = stage;
    this.route = route;
  }

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
    this.deadLetters = new DeadLetters(context, route);
    stage.init(context);
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    // The stage may add headers to the record it gets; the dead letter keeps the input's own.
    Header[] inputHeaders = record.headers().toArray();
    DlqHeaders.Source source = DeadLetters.currentSource(context);
    V value;
    try {
      value =
          deserializer.deserialize(
              source == null ? null : source.topic(), record.headers(), record.value());
    } catch (RuntimeException e) {
      deadLetter(record, inputHeaders, source, e.getClass().getName(), e.getMessage(), null);
      return;
    }
    Violations violations = violationsOf.apply(value);
    if (!violations.isEmpty()) {
      String invalid = IllegalArgumentException.class.getName();
      deadLetter(record, inputHeaders, source, invalid, violations.summary(), null);
      return;
    }
    try {
      stage.process(record.withKey(text(record.key())).withValue(value));
    } catch (RuntimeException e) {
      if (!RecordFailures.isRecordFailure(e)) {
        throw e;
      }
      // The stack trace goes to the log: this is the stage's own code failing.
      deadLetter(record, inputHeaders, source, e.getClass().getName(), e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    stage.close();
  }

  private void deadLetter(
      Record<byte[], byte[]> record,
      Header[] inputHeaders,
      DlqHeaders.Source source,
      String errorClass,
      String error,
      Throwable cause) {
    deadLetters.send(
        new DeadLetters.DeadLetter(
            record.key(),
            record.value(),
            inputHeaders,
            record.timestamp(),
            source,
            errorClass,
            error),
        cause);
  }

  private static String text(byte[] key) {
    return key == null ? null : new String(key, StandardCharsets.UTF_8);
  }
}
