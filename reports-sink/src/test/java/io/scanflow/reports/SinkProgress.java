package io.scanflow.reports;

import static org.awaitility.Awaitility.await;

import io.scanflow.contract.Topics;
import io.scanflow.testsupport.KafkaTestCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until the sink's consumer group has committed every input record; since the sink commits
 * offsets only after the database commit, everything published before is then in the tables.
 */
final class SinkProgress {
  private static final List<String> INPUTS =
      List.of(
          Topics.SERVER_EVENTS_ATTRIBUTED.name(),
          Topics.SERVER_EVENTS_DUPLICATES.name(),
          Topics.TRACKING_SITES.name(),
          Topics.API_KEYS.name(),
          Topics.SERVER_EVENTS_DLQ.name());

  private SinkProgress() {}

  static void awaitCaughtUp(KafkaTestCluster kafka) {
    try (Admin admin = kafka.admin()) {
      await().atMost(Duration.ofSeconds(60)).until(() -> lag(admin) == 0);
    }
  }

  static long lag(Admin admin) throws Exception {
    Map<TopicPartition, OffsetSpec> partitions =
        admin.describeTopics(INPUTS).allTopicNames().get().values().stream()
            .flatMap(
                topic ->
                    topic.partitions().stream()
                        .map(p -> new TopicPartition(topic.name(), p.partition())))
            .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
    var ends = admin.listOffsets(partitions).all().get();
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin
            .listConsumerGroupOffsets("scanflow-reports-sink")
            .partitionsToOffsetAndMetadata()
            .get();
    long lag = 0;
    for (var end : ends.entrySet()) {
      OffsetAndMetadata done = committed.get(end.getKey());
      lag += end.getValue().offset() - (done == null ? 0 : done.offset());
    }
    return lag;
  }
}
