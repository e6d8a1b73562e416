package io.scanflow.streams;

import io.scanflow.contract.DeadLetterSubject;
import io.scanflow.contract.DlqHeaders;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * First node after a byte-array source: turns the raw bytes into a contract record for the node
 * named {@code validChild}, or sends the untouched bytes with {@link DlqHeaders} to the sink named
 * {@code deadLetterChild}.
 *
 * <p>Reading inside the topology rather than in a {@code DeserializationExceptionHandler} puts the
 * dead-letter write in the same exactly-once transaction as the input offset: Kafka 4.1's handler
 * can only say continue or fail, so it could write the DLQ only with a producer of its own.
 */
public final class ContractRecordReader<V> implements Processor<byte[], byte[], Object, Object> {
  private final Deserializer<V> deserializer;
  private final Function<V, String> problemOf;
  private final DeadLetterRoute route;
  private ProcessorContext<Object, Object> context;

  /**
   * @param problemOf what is wrong with a deserialised value (it may be null for a tombstone), or
   *     null when it can be processed
   */
  public ContractRecordReader(
      Deserializer<V> deserializer, Function<V, String> problemOf, DeadLetterRoute route) {
    this.deserializer = deserializer;
    this.problemOf = problemOf;
    this.route = route;
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    String topic = context.recordMetadata().map(RecordMetadata::topic).orElse(null);
    V value;
    try {
      value = deserializer.deserialize(topic, record.headers(), record.value());
    } catch (RuntimeException e) {
      deadLetter(record, e.getClass().getName(), e.getMessage());
      return;
    }
    String problem = problemOf.apply(value);
    if (problem != null) {
      deadLetter(record, IllegalArgumentException.class.getName(), problem);
      return;
    }
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    context.forward(record.withKey(key).withValue(value), route.validChild());
  }

  private void deadLetter(Record<byte[], byte[]> record, String errorClass, String error) {
    DlqHeaders.Source source =
        context
            .recordMetadata()
            .map(m -> new DlqHeaders.Source(m.topic(), m.partition(), m.offset()))
            .orElse(null);
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    DeadLetterSubject subject =
        DeadLetterSubject.of(source == null ? null : source.topic(), key, record.value());
    Headers headers =
        DlqHeaders.of(record.headers(), route.stage(), errorClass, error, source, subject.siteId());
    route.onDeadLetter().run();
    context.forward(
        new Record<Object, Object>(record.key(), record.value(), record.timestamp(), headers),
        route.deadLetterChild());
  }
}
