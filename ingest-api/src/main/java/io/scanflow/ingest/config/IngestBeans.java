package io.scanflow.ingest.config;

import io.quarkus.runtime.StartupEvent;
import io.scanflow.contract.AdminToken;
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
import java.time.Duration;
import java.util.Map;

/** Builds the framework-free domain objects from configuration, and checks it at start-up. */
@ApplicationScoped
public class IngestBeans {

  /** Fails start-up with a clear message rather than at the first admin call. */
  void checkConfiguration(@Observes StartupEvent event, IngestConfig config, AdminToken token) {
    if (config.rateLimit().requestsPerMinute() < 1) {
      throw new IllegalStateException("scanflow.rate-limit.requests-per-minute must be >= 1");
    }
    Duration share = config.rateLimit().shareInterval();
    if (share.toMillis() < 10 || share.compareTo(Duration.ofSeconds(1)) > 0) {
      throw new IllegalStateException("scanflow.rate-limit.share-interval must be 10ms to 1s");
    }
    if (config.rateLimit().peerTimeout().compareTo(share.multipliedBy(5)) < 0) {
      throw new IllegalStateException(
          "scanflow.rate-limit.peer-timeout must be at least 5 times scanflow.rate-limit.share-interval");
    }
    // The registry confirms its catch-up about five times per staleness limit, once per poll.
    if (config.registry().maxStaleness().compareTo(config.registry().pollInterval().multipliedBy(5))
        < 0) {
      throw new IllegalStateException(
          "scanflow.registry.max-staleness must be at least 5 times scanflow.registry.poll-interval");
    }
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
