package io.scanflow.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionReaderLoopTest {
  private static final Duration NO_WAIT = Duration.ZERO;
  private static final Duration ENDS_IN = Duration.ofSeconds(5);

  private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
  private final List<TopicPartition> positioned = new ArrayList<>();
  private final AtomicInteger hookRuns = new AtomicInteger();
  private final AtomicInteger polls = new AtomicInteger();
  private final AtomicBoolean running = new AtomicBoolean(true);

  @Test
  void shouldRetryUntilEveryTopicHasPartitions() {
    consumer.updatePartitions("sites", partitions("sites", 1));
    // Run 1: Kafka unreachable. Run 2: "keys" missing. Run 3: "keys" created by the hook.
    Runnable beforeAssign =
        () -> {
          int run = hookRuns.incrementAndGet();
          if (run == 1) {
            throw new IllegalStateException("broker down");
          }
          if (run == 3) {
            consumer.updatePartitions("keys", partitions("keys", 2));
          }
        };
    Runnable pollOnce =
        () -> {
          polls.incrementAndGet();
          running.set(false);
        };

    assertTimeoutPreemptively(ENDS_IN, loop(beforeAssign, pollOnce)::run);

    assertThat(hookRuns).hasValue(3);
    assertThat(positioned)
        .containsExactly(
            new TopicPartition("sites", 0),
            new TopicPartition("keys", 0),
            new TopicPartition("keys", 1));
    assertThat(polls).hasValue(1);
    assertThat(consumer.closed()).isTrue();
  }

  @Test
  void shouldStopOnWakeup() {
    consumer.updatePartitions("sites", partitions("sites", 1));
    consumer.updatePartitions("keys", partitions("keys", 1));
    Runnable pollOnce =
        () -> {
          polls.incrementAndGet();
          consumer.poll(Duration.ofMillis(10));
        };
    // What close() does from another thread; the next poll throws WakeupException.
    consumer.wakeup();

    assertTimeoutPreemptively(ENDS_IN, loop(() -> {}, pollOnce)::run);

    assertThat(polls).hasValue(1);
    assertThat(consumer.closed()).isTrue();
  }

  private PartitionReaderLoop loop(Runnable beforeAssign, Runnable pollOnce) {
    return new PartitionReaderLoop(
        "test-reader",
        consumer,
        List.of("sites", "keys"),
        new PartitionReaderLoop.Steps(beforeAssign, positioned::addAll, pollOnce, running::get),
        NO_WAIT);
  }

  private static List<PartitionInfo> partitions(String topic, int count) {
    List<PartitionInfo> infos = new ArrayList<>();
    for (int partition = 0; partition < count; partition++) {
      infos.add(new PartitionInfo(topic, partition, null, null, null));
    }
    return infos;
  }
}
