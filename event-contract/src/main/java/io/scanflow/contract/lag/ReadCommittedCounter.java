package io.scanflow.contract.lag;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts records with one {@code read_committed} consumer of its own (no group, no commits), so
 * aborted records and transaction markers are not counted, exactly as the stages do not see them.
 */
final class ReadCommittedCounter implements RecordCounter, AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(100);

  private final Map<String, Object> clientConfig;
  private final Duration timeout;
  private KafkaConsumer<byte[], byte[]> consumer;

  /**
   * @param clientConfig bootstrap servers and security settings; no group
   */
  ReadCommittedCounter(Map<String, Object> clientConfig, Duration timeout) {
    this.clientConfig = Map.copyOf(clientConfig);
    this.timeout = timeout;
  }

  @Override
  public Map<TopicPartition, Long> count(Map<TopicPartition, OffsetRange> ranges) {
    KafkaConsumer<byte[], byte[]> reader = consumer();
    Map<TopicPartition, Long> counts = new HashMap<>();
    Set<TopicPartition> reading = new HashSet<>(ranges.keySet());
    reader.assign(ranges.keySet());
    ranges.forEach((partition, range) -> reader.seek(partition, range.from()));
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (!reading.isEmpty() && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : reader.poll(POLL)) {
          TopicPartition partition = new TopicPartition(record.topic(), record.partition());
          if (record.offset() < ranges.get(partition).end()) {
            counts.merge(partition, 1L, Long::sum);
          }
        }
        Set<TopicPartition> done = new HashSet<>();
        for (TopicPartition partition : reading) {
          if (reader.position(partition) >= ranges.get(partition).end()) {
            done.add(partition);
          }
        }
        reading.removeAll(done);
        reader.pause(done);
      }
    } catch (KafkaException e) {
      // What was not read to its end stays unverified; the caller falls back to the gap.
    } finally {
      reader.assign(List.of());
    }
    counts.keySet().removeAll(reading);
    ranges.keySet().stream()
        .filter(partition -> !reading.contains(partition))
        .forEach(partition -> counts.putIfAbsent(partition, 0L));
    return counts;
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    if (consumer == null) {
      Map<String, Object> config = new HashMap<>(clientConfig);
      config.put(ConsumerConfig.CLIENT_ID_CONFIG, "scanflow-lag-reader");
      config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
      // A position below the log start (retention) reads from the oldest record left.
      config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
      config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
      consumer =
          new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
    return consumer;
  }

  @Override
  public void close() {
    if (consumer != null) {
      consumer.close();
    }
  }
}
