package io.scanflow.ingest.ratelimit;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.scanflow.contract.ratelimit.RateLimiter;
import io.scanflow.ingest.config.IngestConfig;
import io.scanflow.ingest.publish.TopicSetup;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;

/** This instance's share of the cluster-wide rate limit, exchanged from start-up to shutdown. */
@ApplicationScoped
public class RateLimitSharing {
  @Inject
  @Identifier("default-kafka-broker")
  Map<String, Object> kafkaConfig;

  @Inject IngestConfig config;
  @Inject MeterRegistry metrics;

  private UsageExchange exchange;

  @Produces
  @Singleton
  ClusterRateLimit clusterRateLimit(RateLimiter buckets) {
    return new ClusterRateLimit(buckets, config.rateLimit().peerTimeout(), System::nanoTime);
  }

  void onStart(@Observes StartupEvent event, ClusterRateLimit limit) {
    metrics.gauge("scanflow.ingest.rate.limit.shared", limit, l -> l.shared() ? 1 : 0);
    metrics.gauge("scanflow.ingest.rate.limit.peers", limit, ClusterRateLimit::peers);
    exchange =
        new UsageExchange(
                kafkaConfig,
                limit,
                config.rateLimit().shareInterval(),
                new TopicSetup(kafkaConfig, config.topics()),
                outcome ->
                    metrics
                        .counter("scanflow.ingest.rate.limit.usage", "outcome", outcome)
                        .increment())
            .start();
  }

  void onStop(@Observes ShutdownEvent event) {
    if (exchange != null) {
      exchange.close();
    }
  }
}
