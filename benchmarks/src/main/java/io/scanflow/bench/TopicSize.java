package io.scanflow.bench;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** How many records a topic holds now: end minus start offsets over its partitions. */
final class TopicSize {
  private final String bootstrap;

  TopicSize(String bootstrap) {
    this.bootstrap = bootstrap;
  }

  /**
   * Records in {@code topic}; exact for a topic without transactions (server-events is written by
   * idempotent, non-transactional producers, so no offset holds a transaction marker).
   */
  long records(String topic) throws ExecutionException, InterruptedException {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      var partitions =
          admin
              .describeTopics(java.util.List.of(topic))
              .allTopicNames()
              .get()
              .get(topic)
              .partitions()
              .stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      return offsets(admin, partitions, OffsetSpec.latest())
          - offsets(admin, partitions, OffsetSpec.earliest());
    }
  }

  private static long offsets(
      Admin admin, java.util.List<TopicPartition> partitions, OffsetSpec spec)
      throws ExecutionException, InterruptedException {
    Map<TopicPartition, OffsetSpec> request =
        partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec));
    return admin.listOffsets(request).all().get().values().stream()
        .mapToLong(info -> info.offset())
        .sum();
  }
}
