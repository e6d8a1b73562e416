package io.scanflow.contract.registry;

import io.scanflow.contract.PartitionReaderLoop;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Keeps a {@link CompactedView} up to date from its compacted topics. It assigns itself every
 * partition (no consumer group, so each instance sees everything) and reads from the beginning.
 * About five times per staleness limit it asks Kafka for the end offsets and confirms once it has
 * read up to them ({@link CatchUpClock}): the view is current only while such a confirmation is
 * recent, so an instance cut off from Kafka knows it.
 */
public final class CompactedTopicFollower implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(CompactedTopicFollower.class.getName());

  /** How many times per staleness limit the follower confirms its catch-up. */
  public static final int CHECKS_PER_STALENESS = 5;

  /** {@link #confirmsInTime} in the words of the services' settings, for their start-up check. */
  public static final String STALENESS_RULE =
      "scanflow.registry.max-staleness must be at least "
          + CHECKS_PER_STALENESS
          + " times scanflow.registry.poll-interval";

  private final String name;
  private final KafkaConsumer<String, byte[]> consumer;
  private final CompactedView view;
  private final Duration pollInterval;
  private final Thread thread;
  private static final Duration END_OFFSETS_TIMEOUT = Duration.ofSeconds(2);

  private final Map<TopicPartition, Long> positions = new HashMap<>();
  private final CatchUpClock clock;
  private final Duration checkInterval;
  private boolean reportedCurrent;
  private String lastFailure = "none";
  private volatile boolean running = true;

  /**
   * Whether a follower that polls every {@code pollInterval} can confirm its catch-up often enough
   * for {@code maxStaleness}: it checks {@value #CHECKS_PER_STALENESS} times per staleness limit,
   * at most once per poll. The services' config mappings refuse to start otherwise.
   */
  public static boolean confirmsInTime(Duration pollInterval, Duration maxStaleness) {
    return maxStaleness.compareTo(pollInterval.multipliedBy(CHECKS_PER_STALENESS)) >= 0;
  }

  /**
   * @param name names the consumer's client id, its thread and its log lines, e.g. {@code
   *     ingest-registry}
   * @param kafkaConfig client settings (at least {@code bootstrap.servers})
   * @param pollInterval how long one poll waits; bounds how late a new record is applied
   * @param maxStaleness how old the last confirmed catch-up may be for the view to be current
   * @param beforeAssign run (and retried) before the partitions are looked up, e.g. to create them
   */
  public CompactedTopicFollower(
      String name,
      Map<String, Object> kafkaConfig,
      CompactedView view,
      Duration pollInterval,
      Duration maxStaleness,
      Runnable beforeAssign) {
    Map<String, Object> config = new HashMap<>(kafkaConfig);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "scanflow-" + name + "-" + System.nanoTime());
    this.name = name;
    this.consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    this.view = view;
    this.pollInterval = pollInterval;
    this.clock = new CatchUpClock(maxStaleness);
    this.checkInterval = maxStaleness.dividedBy(CHECKS_PER_STALENESS);
    PartitionReaderLoop reader =
        new PartitionReaderLoop(
            name,
            consumer,
            view.topics(),
            new PartitionReaderLoop.Steps(
                beforeAssign, this::readFromBeginning, this::pollOnce, () -> running));
    this.thread = new Thread(reader, "scanflow-" + name + "-follower");
    this.thread.setDaemon(true);
  }

  public CompactedTopicFollower start() {
    thread.start();
    return this;
  }

  /** True once every record that existed at start-up has been applied. */
  public boolean caughtUp() {
    return clock.everCaughtUp();
  }

  /**
   * True while the registry has recently (within the staleness limit) confirmed that it read its
   * topics to their end: a key it does not know then really does not exist.
   */
  public boolean isCurrent() {
    return clock.isCurrent(System.nanoTime());
  }

  /**
   * Waits until the registry is current ({@link #isCurrent()}); false if it was not within {@code
   * timeout}. Woken after each poll, which also moves the catch-up clock.
   */
  public synchronized boolean awaitCurrent(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!isCurrent()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      // The clock moves just after the wake-up of a poll, so look again at the next one at most.
      TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, pollInterval.toNanos()));
    }
    return true;
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

  private void readFromBeginning(List<TopicPartition> partitions) {
    consumer.seekToBeginning(partitions);
    LOG.log(Level.INFO, "{0}: assigned {1} partitions, catching up", name, partitions.size());
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
      clock.positionsAre(now);
      if (clock.checkDue(System.nanoTime(), checkInterval)) {
        long askedAt = System.nanoTime();
        clock.endsFetched(consumer.endOffsets(consumer.assignment(), END_OFFSETS_TIMEOUT), askedAt);
        clock.positionsAre(now);
      }
    } catch (WakeupException e) {
      throw e;
    } catch (RuntimeException e) {
      // Reported once, when the registry stops being current (below), not on every retry.
      lastFailure = e.toString();
      LOG.log(Level.DEBUG, "{0}: poll failed ({1}); retrying", name, lastFailure);
    } finally {
      reportChange();
    }
  }

  private void reportChange() {
    boolean current = isCurrent();
    if (current && !reportedCurrent) {
      LOG.log(Level.INFO, "{0}: current, read {1} to their end", name, view.topics());
    } else if (!current && reportedCurrent) {
      LOG.log(
          Level.WARNING,
          "{0}: behind, no confirmed read to the end of {1} recently (last failure: {2}); unknown"
              + " API keys get 503 until it catches up",
          name,
          view.topics(),
          lastFailure);
    }
    reportedCurrent = current;
  }

  private void apply(ConsumerRecord<String, byte[]> record) {
    try {
      view.apply(record);
    } catch (RuntimeException e) {
      LOG.log(
          Level.ERROR,
          "{0}: skipping unreadable record {1}-{2}@{3}: {4}",
          name,
          record.topic(),
          record.partition(),
          Long.toString(record.offset()),
          e.getMessage());
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
