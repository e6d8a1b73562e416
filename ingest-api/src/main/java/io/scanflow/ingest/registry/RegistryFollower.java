package io.scanflow.ingest.registry;

import io.scanflow.contract.ApiKey;
import io.scanflow.contract.Topics;
import io.scanflow.contract.TrackingSite;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Keeps a {@link KeyRegistry} up to date from the compacted {@code api-keys} and {@code
 * tracking-sites} topics. It assigns itself every partition (no consumer group, so each instance
 * sees everything), reads from the beginning, and is caught up once it reached the end offsets it
 * saw when it started.
 */
public final class RegistryFollower implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(RegistryFollower.class);
  private static final List<String> TOPICS =
      List.of(Topics.API_KEYS.name(), Topics.TRACKING_SITES.name());

  private final KafkaConsumer<String, byte[]> consumer;
  private final KeyRegistry registry;
  private final Duration pollInterval;
  private final Runnable beforeAssign;
  private final Thread thread;
  private final Map<TopicPartition, Long> positions = new HashMap<>();
  private Map<TopicPartition, Long> startEnds;
  private volatile boolean running = true;

  /**
   * @param kafkaConfig client settings (at least {@code bootstrap.servers})
   * @param beforeAssign run (and retried) before the partitions are looked up, e.g. to create them
   */
  public RegistryFollower(
      Map<String, Object> kafkaConfig,
      KeyRegistry registry,
      Duration pollInterval,
      Runnable beforeAssign) {
    Map<String, Object> config = new HashMap<>(kafkaConfig);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "scanflow-ingest-registry-" + System.nanoTime());
    this.consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    this.registry = registry;
    this.pollInterval = pollInterval;
    this.beforeAssign = beforeAssign;
    this.thread = new Thread(this::run, "scanflow-registry-follower");
    this.thread.setDaemon(true);
  }

  public KeyRegistry registry() {
    return registry;
  }

  public RegistryFollower start() {
    thread.start();
    return this;
  }

  /** True once every record that existed at start-up has been applied. */
  public synchronized boolean caughtUp() {
    return startEnds != null
        && startEnds.entrySet().stream()
            .allMatch(end -> positions.getOrDefault(end.getKey(), 0L) >= end.getValue());
  }

  /**
   * Waits until the record at {@code offset} of {@code partition} has been applied (read-your-
   * writes for admin calls); false if that did not happen within {@code timeout}.
   */
  public synchronized boolean awaitApplied(TopicPartition partition, long offset, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (positions.getOrDefault(partition, 0L) <= offset) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  private void run() {
    try {
      while (running && !assign()) {
        TimeUnit.SECONDS.sleep(1);
      }
      while (running) {
        pollOnce();
      }
    } catch (WakeupException | InterruptedException e) {
      // closing
    } finally {
      consumer.close(Duration.ofSeconds(1));
    }
  }

  private boolean assign() {
    try {
      beforeAssign.run();
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : TOPICS) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
        if (infos == null || infos.isEmpty()) {
          LOG.warnf("Topic %s not found yet; retrying", topic);
          return false;
        }
        infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(5));
      synchronized (this) {
        startEnds = Map.copyOf(ends);
      }
      LOG.infof("Registry follower assigned %d partitions, catching up", partitions.size());
      return true;
    } catch (WakeupException e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.warnf("Registry follower cannot reach Kafka yet (%s); retrying", e.toString());
      return false;
    }
  }

  private void pollOnce() {
    try {
      for (ConsumerRecord<String, byte[]> record : consumer.poll(pollInterval)) {
        apply(record);
      }
      Map<TopicPartition, Long> now = new HashMap<>();
      for (TopicPartition partition : consumer.assignment()) {
        now.put(partition, consumer.position(partition, Duration.ofSeconds(5)));
      }
      synchronized (this) {
        positions.putAll(now);
        notifyAll();
      }
    } catch (WakeupException e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.warnf("Registry follower poll failed (%s); retrying", e.toString());
    }
  }

  private void apply(ConsumerRecord<String, byte[]> record) {
    try {
      if (record.topic().equals(Topics.API_KEYS.name())) {
        ApiKey key =
            Topics.API_KEYS.valueSerde().deserializer().deserialize(record.topic(), record.value());
        registry.applyKey(record.key(), key);
      } else {
        TrackingSite site =
            Topics.TRACKING_SITES
                .valueSerde()
                .deserializer()
                .deserialize(record.topic(), record.value());
        registry.applySite(record.key(), site);
      }
    } catch (RuntimeException e) {
      LOG.errorf(
          "Skipping unreadable record %s-%d@%d: %s",
          record.topic(), record.partition(), record.offset(), e.getMessage());
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
