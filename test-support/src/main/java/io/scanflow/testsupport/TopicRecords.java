package io.scanflow.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads what is on a topic, from the beginning and only committed records, for assertions. */
public final class TopicRecords {
  private TopicRecords() {}

  /**
   * Polls {@code topic} from the beginning (read_committed) until {@code done} holds for what was
   * read or the timeout passes; returns every record read.
   */
  public static List<ConsumerRecord<byte[], byte[]>> readUntil(
      KafkaTestCluster kafka,
      String topic,
      Predicate<List<ConsumerRecord<byte[], byte[]>>> done,
      Duration timeout) {
    Properties properties = kafka.clientProperties();
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!done.test(records) && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  /** Reads until at least {@code count} records are there. */
  public static List<ConsumerRecord<byte[], byte[]>> readAtLeast(
      KafkaTestCluster kafka, String topic, int count, Duration timeout) {
    return readUntil(kafka, topic, records -> records.size() >= count, timeout);
  }
}
