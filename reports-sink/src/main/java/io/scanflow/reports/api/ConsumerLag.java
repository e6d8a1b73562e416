package io.scanflow.reports.api;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Consumer-group lag (records between a group's committed offset and the last committed record of
 * each partition it consumes), read with the Kafka Admin in two round trips for all groups.
 */
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

  public List<StageLag> of(List<String> groups) {
    try {
      Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = committed(groups);
      Map<TopicPartition, ListOffsetsResultInfo> ends = ends(committed);
      List<StageLag> stages = new ArrayList<>();
      committed.forEach((group, offsets) -> stages.add(lagOf(group, offsets, ends)));
      return stages;
    } catch (ExecutionException | TimeoutException e) {
      return groups.stream().map(g -> new StageLag(stage(g), g, "unavailable", null, 0)).toList();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return groups.stream().map(g -> new StageLag(stage(g), g, "unavailable", null, 0)).toList();
    }
  }

  private Map<String, Map<TopicPartition, OffsetAndMetadata>> committed(List<String> groups)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<String, ListConsumerGroupOffsetsSpec> specs = new LinkedHashMap<>();
    groups.forEach(group -> specs.put(group, new ListConsumerGroupOffsetsSpec()));
    ListConsumerGroupOffsetsResult result = admin().listConsumerGroupOffsets(specs);
    Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new LinkedHashMap<>();
    for (String group : groups) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          new HashMap<>(
              result.partitionsToOffsetAndMetadata(group).get(TIMEOUT_MS, TimeUnit.MILLISECONDS));
      offsets.values().removeIf(Objects::isNull);
      committed.put(group, offsets);
    }
    return committed;
  }

  private Map<TopicPartition, ListOffsetsResultInfo> ends(
      Map<String, Map<TopicPartition, OffsetAndMetadata>> committed)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
    committed
        .values()
        .forEach(o -> o.keySet().forEach(tp -> partitions.put(tp, OffsetSpec.latest())));
    if (partitions.isEmpty()) {
      return Map.of();
    }
    // read_committed: the end is the last stable offset, as the transactional readers see it.
    return admin()
        .listOffsets(partitions, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
        .all()
        .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }

  private static StageLag lagOf(
      String group,
      Map<TopicPartition, OffsetAndMetadata> offsets,
      Map<TopicPartition, ListOffsetsResultInfo> ends) {
    if (offsets.isEmpty()) {
      return new StageLag(stage(group), group, "no_offsets", null, 0);
    }
    long lag = 0;
    for (var entry : offsets.entrySet()) {
      ListOffsetsResultInfo end = ends.get(entry.getKey());
      if (end != null) {
        lag += Math.max(0, end.offset() - entry.getValue().offset());
      }
    }
    return new StageLag(stage(group), group, "ok", lag, offsets.size());
  }

  private static String stage(String group) {
    return group.startsWith("scanflow-") ? group.substring("scanflow-".length()) : group;
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
