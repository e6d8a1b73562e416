package io.scanflow.ingest.publish;

import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while a Kafka broker answers. */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements HealthCheck {
  private static final int TIMEOUT_MS = 2_000;
  private final Admin admin;

  @Inject
  public KafkaReadinessCheck(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
    Map<String, Object> config = new HashMap<>(kafkaConfig);
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "scanflow-ingest-health-" + System.nanoTime());
    this.admin = Admin.create(config);
  }

  @Override
  public HealthCheckResponse call() {
    try {
      int brokers =
          admin
              .describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
              .nodes()
              .get(TIMEOUT_MS, TimeUnit.MILLISECONDS)
              .size();
      return HealthCheckResponse.named("kafka")
          .status(brokers > 0)
          .withData("brokers", brokers)
          .build();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return HealthCheckResponse.down("kafka");
    } catch (Exception e) {
      return HealthCheckResponse.named("kafka").down().withData("error", e.toString()).build();
    }
  }

  @PreDestroy
  void close() {
    admin.close(java.time.Duration.ofSeconds(1));
  }
}
