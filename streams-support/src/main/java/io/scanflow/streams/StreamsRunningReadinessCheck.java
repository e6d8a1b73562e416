package io.scanflow.streams;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the streams app is RUNNING: Quarkus' own checks call a rebalancing app live and
 * an app whose topics exist ready, which says nothing about whether it is processing.
 */
@Readiness
@ApplicationScoped
public class StreamsRunningReadinessCheck implements HealthCheck {
  @Inject KafkaStreams streams;

  @Override
  public HealthCheckResponse call() {
    KafkaStreams.State state = streams.state();
    return HealthCheckResponse.named("Kafka Streams running")
        .status(state == KafkaStreams.State.RUNNING)
        .withData("state", state.name())
        .build();
  }
}
