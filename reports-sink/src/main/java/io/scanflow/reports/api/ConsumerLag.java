package io.scanflow.reports.api;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Consumer-group lag (committed offset to last committed record) read with the Kafka Admin. */
@ApplicationScoped
public class ConsumerLag {
  private static final int TIMEOUT_MS = 3000;

  private final String bootstrapServers;
  private Admin admin;

  public ConsumerLag(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /** One stage's lag: {@code lag} is null when the group has no offsets or Kafka is unreachable. */
  public record StageLag(String stage, String group, String status, Long lag, int partitions) {}

  public StageLag of(String group) {
    String stage = group.startsWith("scanflow-") ? group.substring("scanflow-".length()) : group;
    try {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin()
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
      committed.values().removeIf(java.util.Objects::isNull);
      if (committed.isEmpty()) {
        return new StageLag(stage, group, "no_offsets", null, 0);
      }
      Map<TopicPartition, ListOffsetsResultInfo> ends =
          admin()
              .listOffsets(
                  committed.keySet().stream()
                      .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())),
                  new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
              .all()
              .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
      long lag = 0;
      for (var entry : committed.entrySet()) {
        ListOffsetsResultInfo end = ends.get(entry.getKey());
        if (end != null) {
          lag += Math.max(0, end.offset() - entry.getValue().offset());
        }
      }
      return new StageLag(stage, group, "ok", lag, committed.size());
    } catch (ExecutionException | TimeoutException e) {
      return new StageLag(stage, group, "unavailable", null, 0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new StageLag(stage, group, "unavailable", null, 0);
    }
  }

  private synchronized Admin admin() {
    if (admin == null) {
      admin =
          Admin.create(
              Map.of(
                  AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                  AdminClientConfig.CLIENT_ID_CONFIG, "scanflow-reports-lag",
                  AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS,
                  AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS));
    }
    return admin;
  }

  @PreDestroy
  synchronized void close() {
    if (admin != null) {
      admin.close();
    }
  }
}
