package io.scanflow.ingest.config;

import io.quarkus.runtime.StartupEvent;
import io.scanflow.contract.AdminToken;
import io.scanflow.contract.config.EffectiveConfig;
import io.scanflow.contract.ratelimit.RateLimiter;
import io.scanflow.contract.registry.ApiKeyAuthenticator;
import io.scanflow.ingest.http.IngestMetrics;
import io.scanflow.ingest.registry.RegistryService;
import io.scanflow.ingest.rejection.RejectionLog;
import io.scanflow.ingest.rejection.RejectionPublisher;
import io.scanflow.ingest.validation.EventTimeRange;
import io.scanflow.ingest.validation.EventValidator;
import io.scanflow.ingest.validation.ScanSessionValidator;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Builds the framework-free domain objects from configuration, and logs the effective configuration
 * at start-up (the mapping's constraints have been checked by then).
 */
@ApplicationScoped
public class IngestBeans {
  private static final Logger LOG = Logger.getLogger(IngestBeans.class);

  void logEffectiveConfig(
      @Observes StartupEvent event,
      IngestConfig config,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
    LOG.info(
        new EffectiveConfig()
            .mapping("scanflow", IngestConfig.class, config)
            .setting("kafka.bootstrap.servers", bootstrapServers)
            .describe("ingest-api"));
  }

  @Produces
  @Singleton
  EventTimeRange eventTimeRange(IngestConfig config) {
    return new EventTimeRange(config.eventTime().maxFuture(), config.eventTime().maxPast());
  }

  @Produces
  @Singleton
  EventValidator eventValidator(EventTimeRange range) {
    return new EventValidator(range);
  }

  @Produces
  @Singleton
  ScanSessionValidator scanSessionValidator(EventTimeRange range) {
    return new ScanSessionValidator(range);
  }

  @Produces
  @Singleton
  RateLimiter rateLimiter(IngestConfig config) {
    return new RateLimiter(config.rateLimit().requestsPerMinute(), System::nanoTime);
  }

  @Produces
  @Singleton
  RejectionPublisher rejectionPublisher(
      @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
      IngestConfig config,
      IngestMetrics metrics) {
    return new RejectionPublisher(kafkaConfig, config.rejections().buffer(), metrics);
  }

  void closeRejectionPublisher(@Disposes RejectionPublisher publisher) {
    publisher.close();
  }

  @Produces
  @Singleton
  RejectionLog rejectionLog(
      IngestConfig config, RejectionPublisher publisher, IngestMetrics metrics) {
    return new RejectionLog(
        new RateLimiter(config.rejections().perKeyPerMinute(), System::nanoTime),
        publisher::offer,
        () -> metrics.rejection("capped"));
  }

  @Produces
  @Singleton
  ApiKeyAuthenticator authenticator(RegistryService registry) {
    return new ApiKeyAuthenticator(registry.registry(), registry::isCurrent);
  }

  @Produces
  @Singleton
  AdminToken adminToken(IngestConfig config) {
    return AdminToken.of(config.adminToken());
  }
}
