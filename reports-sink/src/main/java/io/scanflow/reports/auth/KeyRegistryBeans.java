package io.scanflow.reports.auth;

import io.quarkus.runtime.StartupEvent;
import io.scanflow.contract.registry.ApiKeyAuthenticator;
import io.scanflow.contract.registry.CompactedTopicFollower;
import io.scanflow.contract.registry.KeyRegistry;
import io.scanflow.reports.ReportsConfig;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * This instance's copy of the key registry, followed from the {@code api-keys} and {@code
 * tracking-sites} topics from start-up to shutdown, independently of the sink's consumer.
 */
@Singleton
public class KeyRegistryBeans {
  @Produces
  @Singleton
  KeyRegistry registry() {
    return new KeyRegistry();
  }

  @Produces
  @Singleton
  CompactedTopicFollower follower(
      @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
      KeyRegistry registry,
      ReportsConfig config) {
    ReportsConfig.Registry settings = config.registry();
    // The topics are created by ingest-api (or the dev stack); until they exist it retries.
    return new CompactedTopicFollower(
        "reports-registry",
        kafkaConfig,
        registry,
        settings.pollInterval(),
        settings.maxStaleness(),
        () -> {});
  }

  void close(@Disposes CompactedTopicFollower follower) {
    follower.close();
  }

  @Produces
  @Singleton
  ApiKeyAuthenticator authenticator(KeyRegistry registry, CompactedTopicFollower follower) {
    return new ApiKeyAuthenticator(registry, follower::isCurrent);
  }

  void start(@Observes StartupEvent event, CompactedTopicFollower follower) {
    follower.start();
  }
}
