package io.scanflow.ingest.admin;

import io.scanflow.contract.Topics;
import io.scanflow.contract.TrackingSite;
import io.scanflow.ingest.config.IngestConfig;
import io.scanflow.ingest.publish.EventPublisher;
import io.scanflow.ingest.publish.PublishUnavailableException;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Decides which of several creates of one site_id wins, across every ingest-api instance, with
 * Kafka alone. Each create appends a claim (the site it would create) to {@code site-claims}, keyed
 * by site_id, so all claims of a site_id land in one partition, where the broker orders them. It
 * then reads that partition from its start up to its own claim: the first claim of the site_id is
 * the winner. Every instance reads the same partition in the same order, so they all agree, however
 * their requests interleave. The topic is never compacted: compaction keeps the last record of a
 * key, and the rule needs the first.
 */
@ApplicationScoped
public class SiteClaims {
  private static final Logger LOG = Logger.getLogger(SiteClaims.class);
  private static final Duration POLL = Duration.ofMillis(100);

  /** No group, nothing to commit: only a fetch sent ahead of need is left to abandon. */
  private static final Duration CLOSE_TIMEOUT = Duration.ZERO;

  private static final AtomicLong READERS = new AtomicLong();

  private final EventPublisher publisher;
  private final Map<String, Object> readerConfig;
  private final Duration readTimeout;

  /** The outcome of a claim: whether it won, and the winning site when it can be read. */
  public record Claim(boolean won, Optional<TrackingSite> winner) {}

  @Inject
  public SiteClaims(
      EventPublisher publisher,
      @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
      IngestConfig config) {
    this(publisher, kafkaConfig, config.registry().readYourWritesTimeout());
  }

  /**
   * @param readTimeout how long reading the partition back to this claim may take
   */
  public SiteClaims(
      EventPublisher publisher, Map<String, Object> kafkaConfig, Duration readTimeout) {
    this.publisher = publisher;
    this.readTimeout = readTimeout;
    this.readerConfig = new HashMap<>(kafkaConfig);
    readerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
    readerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
  }

  /** Appends a claim for {@code site} and answers whether it is the first claim of its site_id. */
  public Claim claim(TrackingSite site) {
    RecordMetadata mine = publisher.write(Topics.SITE_CLAIMS, site.siteId(), site);
    ConsumerRecord<String, byte[]> first =
        firstClaim(
            site.siteId(), new TopicPartition(mine.topic(), mine.partition()), mine.offset());
    boolean won = first.offset() == mine.offset();
    if (!won) {
      LOG.infof(
          "Site %s: claim at offset %d lost to the claim at offset %d of %s-%d",
          site.siteId(), mine.offset(), first.offset(), mine.topic(), mine.partition());
    }
    return new Claim(won, won ? Optional.of(site) : readable(first));
  }

  /** The first record keyed {@code siteId} in {@code partition}; at the latest, our own claim. */
  private ConsumerRecord<String, byte[]> firstClaim(
      String siteId, TopicPartition partition, long mine) {
    long deadline = System.nanoTime() + readTimeout.toNanos();
    KafkaConsumer<String, byte[]> reader = reader();
    try {
      reader.assign(List.of(partition));
      reader.seekToBeginning(List.of(partition));
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : reader.poll(POLL).records(partition)) {
          if (record.offset() <= mine && siteId.equals(record.key())) {
            return record;
          }
        }
      }
    } finally {
      reader.close(CLOSE_TIMEOUT);
    }
    throw new PublishUnavailableException(
        "The claims of site " + siteId + " could not be read back within " + readTimeout, null);
  }

  /** An unreadable first claim still wins; only the repair of its site needs its value. */
  private static Optional<TrackingSite> readable(ConsumerRecord<String, byte[]> claim) {
    try {
      return Optional.ofNullable(
          Topics.SITE_CLAIMS.valueSerde().deserializer().deserialize(claim.topic(), claim.value()));
    } catch (RuntimeException e) {
      LOG.errorf(
          "Unreadable claim %s-%d@%d of site %s: %s",
          claim.topic(), claim.partition(), claim.offset(), claim.key(), e.getMessage());
      return Optional.empty();
    }
  }

  private KafkaConsumer<String, byte[]> reader() {
    Map<String, Object> config = new HashMap<>(readerConfig);
    config.put(
        ConsumerConfig.CLIENT_ID_CONFIG,
        "scanflow-ingest-site-claims-" + READERS.incrementAndGet());
    return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
  }
}
