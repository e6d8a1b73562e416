package io.scanflow.streams.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether some partition of the given topics holds records of a transaction that is still open: its
 * last stable offset (what read_committed readers may see) is behind its end.
 */
final class OpenTransactions {
  private OpenTransactions() {}

  static boolean anyOn(String bootstrapServers, List<String> topics)
      throws ExecutionException, InterruptedException {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      Map<TopicPartition, OffsetSpec> partitions =
          admin.describeTopics(topics).allTopicNames().get().values().stream()
              .flatMap(
                  topic ->
                      topic.partitions().stream()
                          .map(info -> new TopicPartition(topic.name(), info.partition())))
              .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest()));
      Map<TopicPartition, Long> ends = offsets(admin, partitions, IsolationLevel.READ_UNCOMMITTED);
      Map<TopicPartition, Long> stable = offsets(admin, partitions, IsolationLevel.READ_COMMITTED);
      return ends.entrySet().stream().anyMatch(end -> stable.get(end.getKey()) < end.getValue());
    }
  }

  private static Map<TopicPartition, Long> offsets(
      Admin admin, Map<TopicPartition, OffsetSpec> partitions, IsolationLevel isolation)
      throws ExecutionException, InterruptedException {
    Map<TopicPartition, ListOffsetsResultInfo> result =
        admin.listOffsets(partitions, new ListOffsetsOptions(isolation)).all().get();
    return result.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
  }
}
