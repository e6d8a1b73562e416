package io.scanflow.devstack.replay;

import io.scanflow.devstack.Poll;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * Moves a stopped consumer group's offsets the way {@code kafka-streams-application-reset} does:
 * input topics to the earliest offset, intermediate topics (the outputs of an upstream stage that
 * is replayed too) to the end, so that only the re-derived records are read again.
 */
public final class ConsumerGroupReset {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private final Admin admin;

  public ConsumerGroupReset(Admin admin) {
    this.admin = admin;
  }

  /**
   * Resets {@code group}; topics it has offsets for that are in neither set go to earliest.
   *
   * @return the new offsets, for the report
   */
  public Map<TopicPartition, Long> reset(String group, Set<String> toEarliest, Set<String> toEnd)
      throws Exception {
    removeLeftoverMembers(group);
    Set<String> earliest = new HashSet<>(toEarliest);
    committed(group).keySet().stream()
        .map(TopicPartition::topic)
        .filter(topic -> !toEnd.contains(topic))
        .forEach(earliest::add);
    Map<TopicPartition, Long> offsets = new HashMap<>(offsets(earliest, OffsetSpec.earliest()));
    offsets.putAll(offsets(toEnd, OffsetSpec.latest()));
    Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
    offsets.forEach((partition, offset) -> commit.put(partition, new OffsetAndMetadata(offset)));
    admin.alterConsumerGroupOffsets(group, commit).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    return offsets;
  }

  Map<TopicPartition, OffsetAndMetadata> committed(String group)
      throws InterruptedException, ExecutionException, TimeoutException {
    return admin
        .listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata()
        .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Read-committed end offsets or earliest offsets of every partition of {@code topics}. */
  Map<TopicPartition, Long> offsets(Set<String> topics, OffsetSpec spec)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (TopicPartition partition : partitions(topics)) {
      request.put(partition, spec);
    }
    Map<TopicPartition, Long> result = new HashMap<>();
    admin
        .listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
        .all()
        .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
        .forEach((partition, info) -> result.put(partition, info.offset()));
    return result;
  }

  private List<TopicPartition> partitions(Set<String> topics)
      throws InterruptedException, ExecutionException, TimeoutException {
    if (topics.isEmpty()) {
      return List.of();
    }
    Map<String, TopicDescription> descriptions =
        admin.describeTopics(topics).allTopicNames().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    return descriptions.values().stream()
        .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
        .toList();
  }

  /**
   * A Kafka Streams app does not leave its group on close, so its member lingers for the session
   * timeout (45 s), and a restarted app waits that long in its first rebalance. When no instance
   * runs, remove them (the reset tool's {@code --force}).
   */
  public void removeLeftoverMembers(String group) throws Exception {
    Poll.untilOrThrow(
        () -> hasNoMembersLeft(group),
        TIMEOUT,
        Duration.ofMillis(200),
        () -> group + " still has members: is it still running?");
  }

  /**
   * Removes the static members of one instance from {@code group}, leaving the others' alone: those
   * whose {@code group.instance.id} is {@code instanceId}, or {@code instanceId-<thread>} as Kafka
   * Streams names each thread's consumer. The group rebalances at once, without them.
   */
  public void removeStaticMembers(String group, String instanceId) throws Exception {
    List<MemberToRemove> members =
        members(group).stream()
            .map(MemberDescription::groupInstanceId)
            .flatMap(Optional::stream)
            .filter(id -> id.equals(instanceId) || id.startsWith(instanceId + "-"))
            .map(MemberToRemove::new)
            .toList();
    if (!members.isEmpty()) {
      admin
          .removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions(members))
          .all()
          .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
  }

  /** True when {@code group} has no members; otherwise asks the broker to remove them. */
  private boolean hasNoMembersLeft(String group)
      throws InterruptedException, ExecutionException, TimeoutException {
    if (members(group).isEmpty()) {
      return true;
    }
    try {
      admin
          .removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions())
          .all()
          .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException raced) {
      // The member left by itself meanwhile; the next look describes the group again.
    }
    return false;
  }

  /** The members of {@code group}; none for a group that never started. */
  private Collection<MemberDescription> members(String group)
      throws InterruptedException, ExecutionException, TimeoutException {
    try {
      return admin
          .describeConsumerGroups(List.of(group))
          .describedGroups()
          .get(group)
          .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
          .members();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return List.of();
      }
      throw e;
    }
  }
}
