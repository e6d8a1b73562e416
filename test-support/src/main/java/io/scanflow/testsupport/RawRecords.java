package io.scanflow.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes one record as bytes, so a test can put on a topic what no serde would write (garbage). */
public final class RawRecords {
  private RawRecords() {}

  /** Sends and waits for the broker's acknowledgement. */
  public static void send(
      KafkaTestCluster kafka, String topic, String key, byte[] value, Instant timestamp)
      throws ExecutionException, InterruptedException {
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            kafka.clientProperties(), new ByteArraySerializer(), new ByteArraySerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  topic,
                  null,
                  timestamp.toEpochMilli(),
                  key.getBytes(StandardCharsets.UTF_8),
                  value))
          .get();
    }
  }
}
