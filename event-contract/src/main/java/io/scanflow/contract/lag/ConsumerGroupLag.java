package io.scanflow.contract.lag;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The one reader of consumer-group lag, used by {@code /api/pipeline}, {@code ./scanflow replay}
 * and the benchmarks: the committed records a group has not processed yet, over every partition it
 * is assigned (an active group's assignment) or has committed offsets for. A partition assigned but
 * not yet committed on counts from its earliest offset. Ends are read-committed (the last stable
 * offset) and transaction markers are discounted by {@link VerifiedGaps}, so an idle pipeline shows
 * 0. Thread-safe; one instance keeps its Kafka clients and its cache of counted gaps.
 */
public final class ConsumerGroupLag implements AutoCloseable {
  /** Gaps of up to this many offsets per partition are read to discount markers. */
  public static final long VERIFY_UP_TO = 100;

  private final Admin admin;
  private final Duration timeout;
  private final VerifiedGaps gaps;
  private final List<AutoCloseable> owned;

  ConsumerGroupLag(
      Admin admin, RecordCounter counter, Duration timeout, List<AutoCloseable> owned) {
    this.admin = admin;
    this.timeout = timeout;
    this.gaps = new VerifiedGaps(VERIFY_UP_TO, counter);
    this.owned = owned;
  }

  /** A reader with clients of its own; every Kafka call gives up after {@code timeout}. */
  public static ConsumerGroupLag connect(String bootstrapServers, Duration timeout) {
    return connect(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), timeout);
  }

  /**
   * A reader with clients of its own, built from a service's Kafka client settings ({@code
   * kafka.*}: bootstrap servers, and security settings where the cluster requires them).
   */
  public static ConsumerGroupLag connect(Map<String, ?> clientConfig, Duration timeout) {
    int millis = (int) timeout.toMillis();
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "scanflow-lag-reader");
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
    Admin admin = Admin.create(config);
    ReadCommittedCounter counter = new ReadCommittedCounter(config, timeout);
    return new ConsumerGroupLag(admin, counter, timeout, List.of(counter, admin));
  }

  public GroupLag read(String group) throws LagUnavailableException {
    return read(List.of(group)).get(group);
  }

  /** The lag of each group, in the order given. */
  public synchronized Map<String, GroupLag> read(List<String> groups)
      throws LagUnavailableException {
    try {
      Map<String, Set<TopicPartition>> assigned = assignments(groups);
      Map<String, Map<TopicPartition, Long>> committed = committed(groups);
      Set<TopicPartition> uncommitted = new HashSet<>();
      Set<TopicPartition> all = new HashSet<>();
      for (String group : groups) {
        all.addAll(assigned.get(group));
        all.addAll(committed.get(group).keySet());
        assigned.get(group).stream()
            .filter(partition -> !committed.get(group).containsKey(partition))
            .forEach(uncommitted::add);
      }
      Map<TopicPartition, Long> ends = offsets(all, OffsetSpec.latest());
      Map<TopicPartition, Long> earliest = offsets(uncommitted, OffsetSpec.earliest());
      Map<String, GroupLag> lags = new LinkedHashMap<>();
      for (String group : groups) {
        Map<TopicPartition, Long> at =
            positions(committed.get(group), assigned.get(group), earliest, ends);
        lags.put(group, new GroupLag(group, lag(at, ends), at));
      }
      return lags;
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      throw new LagUnavailableException("Cannot read consumer-group lag: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LagUnavailableException("Interrupted while reading consumer-group lag", e);
    }
  }

  /**
   * Where the group stands on each partition it consumes: its committed offset, else (assigned,
   * nothing committed yet) the earliest offset, where it starts reading. Partitions without an end
   * offset belong to deleted topics (a reset streams app's internal topics) and are left out.
   */
  static Map<TopicPartition, Long> positions(
      Map<TopicPartition, Long> committed,
      Set<TopicPartition> assigned,
      Map<TopicPartition, Long> earliest,
      Map<TopicPartition, Long> ends) {
    Map<TopicPartition, Long> positions = new HashMap<>(committed);
    for (TopicPartition partition : assigned) {
      if (!positions.containsKey(partition) && earliest.containsKey(partition)) {
        positions.put(partition, earliest.get(partition));
      }
    }
    positions.keySet().retainAll(ends.keySet());
    return positions;
  }

  private long lag(Map<TopicPartition, Long> positions, Map<TopicPartition, Long> ends) {
    Map<TopicPartition, OffsetRange> ranges = new HashMap<>();
    positions.forEach(
        (partition, position) ->
            ranges.put(partition, new OffsetRange(position, ends.get(partition))));
    return gaps.lags(ranges).values().stream().mapToLong(Long::longValue).sum();
  }

  private Map<String, Set<TopicPartition>> assignments(List<String> groups)
      throws ExecutionException, TimeoutException, InterruptedException {
    Map<String, KafkaFuture<ConsumerGroupDescription>> described =
        admin.describeConsumerGroups(groups).describedGroups();
    Map<String, Set<TopicPartition>> assigned = new HashMap<>();
    for (String group : groups) {
      Set<TopicPartition> partitions = new HashSet<>();
      try {
        for (MemberDescription member : await(described.get(group)).members()) {
          partitions.addAll(member.assignment().topicPartitions());
        }
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof GroupIdNotFoundException)) {
          throw e;
        }
      }
      assigned.put(group, partitions);
    }
    return assigned;
  }

  private Map<String, Map<TopicPartition, Long>> committed(List<String> groups)
      throws ExecutionException, TimeoutException, InterruptedException {
    Map<String, ListConsumerGroupOffsetsSpec> specs = new LinkedHashMap<>();
    groups.forEach(group -> specs.put(group, new ListConsumerGroupOffsetsSpec()));
    ListConsumerGroupOffsetsResult result = admin.listConsumerGroupOffsets(specs);
    Map<String, Map<TopicPartition, Long>> committed = new HashMap<>();
    for (String group : groups) {
      Map<TopicPartition, Long> offsets = new HashMap<>();
      try {
        Map<TopicPartition, OffsetAndMetadata> read =
            await(result.partitionsToOffsetAndMetadata(group));
        read.forEach(
            (partition, offset) -> {
              if (offset != null) {
                offsets.put(partition, offset.offset());
              }
            });
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof GroupIdNotFoundException)) {
          throw e;
        }
      }
      committed.put(group, offsets);
    }
    return committed;
  }

  /** Read-committed end offsets or earliest offsets; partitions of deleted topics are left out. */
  private Map<TopicPartition, Long> offsets(Set<TopicPartition> partitions, OffsetSpec spec)
      throws ExecutionException, TimeoutException, InterruptedException {
    if (partitions.isEmpty()) {
      return Map.of();
    }
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(partition -> request.put(partition, spec));
    ListOffsetsResult result =
        admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED));
    Map<TopicPartition, Long> offsets = new HashMap<>();
    for (TopicPartition partition : partitions) {
      try {
        offsets.put(partition, await(result.partitionResult(partition)).offset());
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw e;
        }
      }
    }
    return offsets;
  }

  private <T> T await(KafkaFuture<T> future)
      throws ExecutionException, TimeoutException, InterruptedException {
    return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void close() {
    for (AutoCloseable client : owned) {
      try {
        client.close();
      } catch (Exception e) {
        // Closing is best effort: a client that cannot close has nothing left to flush.
      }
    }
  }
}
