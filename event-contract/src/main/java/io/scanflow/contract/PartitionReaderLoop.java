package io.scanflow.contract;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The body of a thread that reads every partition of some topics without a consumer group, so each
 * instance sees every record. Until every topic has partitions it retries once a second (running
 * the before-assign hook first, e.g. to create them); then it polls until no longer running. A
 * {@link WakeupException} or an interrupt ends it, and it closes the consumer on the way out.
 */
public final class PartitionReaderLoop implements Runnable {
  private static final System.Logger LOG = System.getLogger(PartitionReaderLoop.class.getName());
  private static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);
  private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(1);

  /** Moves freshly assigned partitions to where reading starts, e.g. their beginning. */
  @FunctionalInterface
  public interface StartPosition {
    void seek(List<TopicPartition> partitions);
  }

  /**
   * What the owner does at each step.
   *
   * @param beforeAssign run (and retried) before the partitions are looked up, e.g. to create them
   * @param pollOnce one poll and what follows it; it handles its own failures but lets a {@link
   *     WakeupException} through
   * @param running false once the owner closes (it then also wakes the consumer up)
   */
  public record Steps(
      Runnable beforeAssign,
      StartPosition startPosition,
      Runnable pollOnce,
      BooleanSupplier running) {}

  private final String name;
  private final Consumer<?, ?> consumer;
  private final List<String> topics;
  private final Steps steps;
  private final Duration retryInterval;

  /**
   * @param name names the reader in its log lines, e.g. {@code ingest-registry}
   */
  public PartitionReaderLoop(
      String name, Consumer<?, ?> consumer, List<String> topics, Steps steps) {
    this(name, consumer, topics, steps, RETRY_INTERVAL);
  }

  PartitionReaderLoop(
      String name, Consumer<?, ?> consumer, List<String> topics, Steps steps, Duration retry) {
    this.name = name;
    this.consumer = consumer;
    this.topics = List.copyOf(topics);
    this.steps = steps;
    this.retryInterval = retry;
  }

  @Override
  public void run() {
    try {
      while (steps.running().getAsBoolean() && !assign()) {
        TimeUnit.NANOSECONDS.sleep(retryInterval.toNanos());
      }
      while (steps.running().getAsBoolean()) {
        steps.pollOnce().run();
      }
    } catch (WakeupException | InterruptedException e) {
      // closing
    } finally {
      consumer.close(CLOSE_TIMEOUT);
    }
  }

  private boolean assign() {
    try {
      steps.beforeAssign().run();
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, LOOKUP_TIMEOUT);
        if (infos == null || infos.isEmpty()) {
          LOG.log(Level.WARNING, "{0}: topic {1} not found yet; retrying", name, topic);
          return false;
        }
        infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
      }
      consumer.assign(partitions);
      steps.startPosition().seek(partitions);
      return true;
    } catch (WakeupException e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "{0}: cannot reach Kafka yet ({1}); retrying", name, e.toString());
      return false;
    }
  }
}
