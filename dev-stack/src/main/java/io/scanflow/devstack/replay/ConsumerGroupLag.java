package io.scanflow.devstack.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * How many committed records a consumer group has not processed yet.
 *
 * <p>A gap between the committed offset and the end offset is not always a record: the commit
 * marker of the last transaction takes an offset too, and a consumer that commits "last record + 1"
 * never moves past it. So small gaps are verified by reading them (read_committed).
 */
public final class ConsumerGroupLag {
  private static final long VERIFY_UP_TO = 1_000;
  private final Admin admin;
  private final String bootstrapServers;

  public ConsumerGroupLag(Admin admin, String bootstrapServers) {
    this.admin = admin;
    this.bootstrapServers = bootstrapServers;
  }

  /** Records not yet processed by {@code group}, over every partition it has offsets for. */
  public long pendingRecords(String group)
      throws InterruptedException, ExecutionException, TimeoutException {
    ConsumerGroupReset offsets = new ConsumerGroupReset(admin);
    Map<TopicPartition, OffsetAndMetadata> committed = offsets.committed(group);
    Set<String> topics =
        committed.keySet().stream().map(TopicPartition::topic).collect(Collectors.toSet());
    Map<TopicPartition, Long> ends = offsets.offsets(topics, OffsetSpec.latest());
    Map<TopicPartition, Long> gaps = new HashMap<>();
    ends.forEach(
        (partition, end) -> {
          OffsetAndMetadata at = committed.get(partition);
          long position = at == null ? 0 : at.offset();
          if (end > position) {
            gaps.put(partition, position);
          }
        });
    long pending = 0;
    for (var gap : gaps.entrySet()) {
      long end = ends.get(gap.getKey());
      pending +=
          end - gap.getValue() > VERIFY_UP_TO
              ? end - gap.getValue()
              : recordsBetween(gap.getKey(), gap.getValue(), end);
    }
    return pending;
  }

  private long recordsBetween(TopicPartition partition, long from, long end) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      consumer.assign(List.of(partition));
      consumer.seek(partition, from);
      long count = 0;
      Instant deadline = Instant.now().plusSeconds(5);
      while (consumer.position(partition) < end && Instant.now().isBefore(deadline)) {
        count += consumer.poll(Duration.ofMillis(200)).count();
      }
      return count;
    }
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            ByteArrayDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            ByteArrayDeserializer.class));
  }
}
