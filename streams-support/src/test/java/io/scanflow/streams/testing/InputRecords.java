package io.scanflow.streams.testing;

import io.scanflow.contract.TopicDescriptor;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes contract values onto a stage's input topic with the key and timestamp the spec gives. */
public final class InputRecords {
  private InputRecords() {}

  /** Sends them all in order and returns once the broker has every one (the producer closes). */
  public static <V> void produce(
      Properties clientProperties,
      TopicDescriptor<String, V> topic,
      List<V> values,
      Function<V, String> key,
      Function<V, Instant> timestamp) {
    try (KafkaProducer<String, V> producer =
        new KafkaProducer<>(
            clientProperties, new StringSerializer(), topic.valueSerde().serializer())) {
      for (V value : values) {
        producer.send(
            new ProducerRecord<>(
                topic.name(),
                null,
                timestamp.apply(value).toEpochMilli(),
                key.apply(value),
                value));
      }
    }
  }
}
