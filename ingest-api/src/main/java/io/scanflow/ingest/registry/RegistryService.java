package io.scanflow.ingest.registry;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.scanflow.contract.registry.CompactedTopicFollower;
import io.scanflow.contract.registry.KeyRegistry;
import io.scanflow.ingest.config.IngestConfig;
import io.scanflow.ingest.publish.TopicSetup;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/** This instance's key registry, followed from Kafka from start-up to shutdown. */
@ApplicationScoped
public class RegistryService {
  private final KeyRegistry registry = new KeyRegistry();
  private final CompactedTopicFollower follower;
  private final Duration readYourWritesTimeout;

  @Inject
  public RegistryService(
      @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, IngestConfig config) {
    this.follower =
        new CompactedTopicFollower(
            "ingest-registry",
            kafkaConfig,
            registry,
            config.registry().pollInterval(),
            config.registry().maxStaleness(),
            new TopicSetup(kafkaConfig, config.topics()));
    this.readYourWritesTimeout = config.registry().readYourWritesTimeout();
  }

  void onStart(@Observes StartupEvent event) {
    follower.start();
  }

  void onStop(@Observes ShutdownEvent event) {
    follower.close();
  }

  public KeyRegistry registry() {
    return registry;
  }

  /** Waits until the local registry has applied an acknowledged admin write (read-your-writes). */
  public void awaitApplied(RecordMetadata written) {
    try {
      TopicPartition partition = new TopicPartition(written.topic(), written.partition());
      if (!follower.awaitApplied(partition, written.offset(), readYourWritesTimeout)) {
        throw new IllegalStateException("The key registry did not catch up with its own write");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the key registry", e);
    }
  }

  /**
   * Waits, at most the read-your-writes timeout, until the registry is current (e.g. just after
   * start-up); false if it did not get there.
   */
  public boolean awaitCurrent() {
    try {
      return follower.awaitCurrent(readYourWritesTimeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * True while the registry is known to hold every key that exists: it recently read its topics to
   * their end. Until then (just started, or cut off from Kafka) an unknown key is not yet known to
   * be invalid.
   */
  public boolean isCurrent() {
    return follower.isCurrent();
  }
}
