package io.scanflow.ingest.ratelimit;

import io.scanflow.contract.PartitionReaderLoop;
import io.scanflow.contract.Topics;
import io.scanflow.contract.ratelimit.RateLimitUsage;
import io.scanflow.ingest.ratelimit.ClusterRateLimit.Received;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Moves {@link RateLimitUsage} records between this instance's {@link ClusterRateLimit} and {@code
 * rate-limit-usage}: one thread sends a record every share interval, another reads every partition
 * (no consumer group: every instance reads everything) from a minute ago on. Neither ever holds up
 * a request; when Kafka is slow or down the limit fails open by itself.
 */
public final class UsageExchange implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(UsageExchange.class);
  private static final String TOPIC = Topics.RATE_LIMIT_USAGE.name();
  private static final Duration POLL = Duration.ofMillis(100);
  private static final int SEND_TIMEOUT_MS = 2_000;

  private final ClusterRateLimit limit;
  private final Duration shareInterval;
  private final Consumer<String> outcomes;
  private final KafkaProducer<String, byte[]> producer;
  private final KafkaConsumer<String, byte[]> consumer;
  private final ScheduledExecutorService sender;
  private final Thread reader;
  private volatile boolean running = true;
  private boolean reportedShared;

  /**
   * @param beforeAssign run (and retried) before the partitions are looked up, e.g. to create them
   * @param outcomes told {@code own}, {@code charged}, {@code stale}, {@code poison} for every
   *     record read, and {@code send_failed} for every record Kafka did not take
   */
  public UsageExchange(
      Map<String, Object> kafkaConfig,
      ClusterRateLimit limit,
      Duration shareInterval,
      Runnable beforeAssign,
      Consumer<String> outcomes) {
    this.limit = limit;
    this.shareInterval = shareInterval;
    this.outcomes = outcomes;
    String client = "scanflow-rate-limit-" + limit.instanceId();
    this.producer =
        new KafkaProducer<>(
            producerConfig(kafkaConfig, client), new StringSerializer(), new ByteArraySerializer());
    this.consumer =
        new KafkaConsumer<>(
            consumerConfig(kafkaConfig, client),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    this.sender =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "scanflow-rate-limit-sender");
              thread.setDaemon(true);
              return thread;
            });
    PartitionReaderLoop readerLoop =
        new PartitionReaderLoop(
            "rate-limit-reader",
            consumer,
            List.of(TOPIC),
            new PartitionReaderLoop.Steps(
                beforeAssign, this::seekToAMinuteAgo, this::pollOnce, () -> running));
    this.reader = new Thread(readerLoop, "scanflow-rate-limit-reader");
    reader.setDaemon(true);
  }

  public UsageExchange start() {
    reader.start();
    long every = shareInterval.toNanos();
    sender.scheduleAtFixedRate(this::sendNext, every, every, TimeUnit.NANOSECONDS);
    return this;
  }

  private static Map<String, Object> producerConfig(Map<String, Object> kafkaConfig, String id) {
    Map<String, Object> config = new HashMap<>(kafkaConfig);
    // A usage record is worth sending only while it is fresh; a lost one only makes the others
    // admit a little more for a moment, so no retries beyond the timeout and no idempotence.
    config.put(ProducerConfig.ACKS_CONFIG, "1");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, SEND_TIMEOUT_MS);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, SEND_TIMEOUT_MS);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, SEND_TIMEOUT_MS);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, id + "-sender");
    return config;
  }

  private static Map<String, Object> consumerConfig(Map<String, Object> kafkaConfig, String id) {
    Map<String, Object> config = new HashMap<>(kafkaConfig);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, id + "-reader");
    return config;
  }

  private void sendNext() {
    try {
      send(limit.nextRecord());
    } catch (RuntimeException e) {
      // Blocked too long for metadata, or closed: this record is lost, the next one may pass.
      outcomes.accept("send_failed");
    } finally {
      reportChange();
    }
  }

  private void send(RateLimitUsage usage) {
    byte[] value = Topics.RATE_LIMIT_USAGE.valueSerde().serializer().serialize(TOPIC, usage);
    producer.send(
        new ProducerRecord<>(TOPIC, usage.instanceId(), value),
        (metadata, failure) -> {
          if (failure != null) {
            outcomes.accept("send_failed");
          }
        });
  }

  private void reportChange() {
    boolean shared = limit.shared();
    if (shared && !reportedShared) {
      LOG.infof("Rate limit shared with the other instances through %s", TOPIC);
    } else if (!shared && reportedShared) {
      LOG.warnf(
          "Rate limit no longer shared: this instance's usage records do not come back from %s;"
              + " each instance enforces the limit on its own until they do",
          TOPIC);
    }
    reportedShared = shared;
  }

  // What the others admitted in the last minute still counts against a bucket created now.
  private void seekToAMinuteAgo(List<TopicPartition> partitions) {
    long since = System.currentTimeMillis() - ClusterRateLimit.RELEVANT_AGE.toMillis();
    Map<TopicPartition, Long> times = new HashMap<>();
    partitions.forEach(partition -> times.put(partition, since));
    Map<TopicPartition, OffsetAndTimestamp> offsets =
        consumer.offsetsForTimes(times, Duration.ofSeconds(5));
    for (TopicPartition partition : partitions) {
      OffsetAndTimestamp offset = offsets.get(partition);
      if (offset == null) {
        consumer.seekToEnd(List.of(partition));
      } else {
        consumer.seek(partition, offset.offset());
      }
    }
  }

  private void pollOnce() {
    try {
      for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
        outcomes.accept(apply(record).name().toLowerCase(Locale.ROOT));
      }
    } catch (WakeupException e) {
      throw e;
    } catch (RuntimeException e) {
      // Kafka unreachable: the limit notices by itself (its own records stop coming back).
      LOG.debugf("Polling %s failed (%s); retrying", TOPIC, e.toString());
    }
  }

  private Received apply(ConsumerRecord<String, byte[]> record) {
    RateLimitUsage usage;
    try {
      usage =
          Topics.RATE_LIMIT_USAGE.valueSerde().deserializer().deserialize(TOPIC, record.value());
    } catch (RuntimeException e) {
      usage = null;
    }
    Received received =
        usage == null
            ? Received.POISON
            : limit.received(
                usage,
                Duration.ofMillis(Math.max(0, System.currentTimeMillis() - record.timestamp())));
    if (received == Received.POISON) {
      LOG.warnf(
          "Ignoring an unreadable record %s-%d@%d", TOPIC, record.partition(), record.offset());
    }
    return received;
  }

  /** Stops sending and reading; says goodbye first so the others forget this instance at once. */
  @Override
  public void close() {
    sender.shutdownNow();
    try {
      sender.awaitTermination(1, TimeUnit.SECONDS);
      send(limit.stoppingRecord());
      producer.flush();
    } catch (RuntimeException e) {
      LOG.debugf("Could not say goodbye on %s (%s)", TOPIC, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      producer.close(Duration.ofSeconds(1));
      running = false;
      consumer.wakeup();
    }
    try {
      reader.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
