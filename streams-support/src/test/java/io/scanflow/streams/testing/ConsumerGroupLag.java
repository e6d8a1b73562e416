package io.scanflow.streams.testing;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** How many input records a consumer group (a streams app) has not committed yet. */
public final class ConsumerGroupLag {
  private ConsumerGroupLag() {}

  /** Records on {@code topic} after the group's committed offsets (all of them if none). */
  public static long of(String bootstrapServers, String group, String topic)
      throws ExecutionException, InterruptedException {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      Map<TopicPartition, OffsetSpec> latest =
          admin
              .describeTopics(java.util.List.of(topic))
              .allTopicNames()
              .get()
              .get(topic)
              .partitions()
              .stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest()));
      Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
      return ends.entrySet().stream()
          .mapToLong(
              end -> {
                OffsetAndMetadata done = committed.get(end.getKey());
                return end.getValue().offset() - (done == null ? 0 : done.offset());
              })
          .sum();
    }
  }
}
