package io.scanflow.contract.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ConsumerGroupLagTest {
  private static final TopicPartition COMMITTED = new TopicPartition("server-events", 0);
  private static final TopicPartition NEW = new TopicPartition("server-events", 1);
  private static final TopicPartition DELETED =
      new TopicPartition("scanflow-dedupe-stream-repartition", 0);

  @Test
  void shouldStartAnAssignedPartitionWithoutCommitAtItsEarliestOffset() {
    Map<TopicPartition, Long> positions =
        ConsumerGroupLag.positions(
            Map.of(COMMITTED, 40L), Set.of(COMMITTED, NEW), Map.of(NEW, 7L), ends());

    assertThat(positions).containsEntry(COMMITTED, 40L).containsEntry(NEW, 7L).hasSize(2);
  }

  @Test
  void shouldKeepAPartitionTheGroupCommittedOnButIsNotAssignedNow() {
    // an inactive group: no members, so no assignment, only its commits
    Map<TopicPartition, Long> positions =
        ConsumerGroupLag.positions(Map.of(COMMITTED, 40L), Set.of(), Map.of(), ends());

    assertThat(positions).containsOnlyKeys(COMMITTED);
  }

  @Test
  void shouldLeaveOutPartitionsOfDeletedTopics() {
    Map<TopicPartition, Long> positions =
        ConsumerGroupLag.positions(
            Map.of(COMMITTED, 40L, DELETED, 3L), Set.of(COMMITTED), Map.of(), ends());

    assertThat(positions).containsOnlyKeys(COMMITTED);
  }

  @Test
  void shouldSayUnavailableWhenKafkaCannotBeReached() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (ConsumerGroupLag lag =
        ConsumerGroupLag.connect("127.0.0.1:" + closedPort, Duration.ofMillis(500))) {
      assertThatThrownBy(() -> lag.read("scanflow-reports-sink"))
          .isInstanceOf(LagUnavailableException.class);
    }
  }

  private static Map<TopicPartition, Long> ends() {
    return Map.of(COMMITTED, 50L, NEW, 9L);
  }
}
