package io.scanflow.reports.sink;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness DOWN while the sink is stalled (see {@link SinkHealth}), with since when and why, so
 * that an orchestrator and an operator see that reports are no longer being updated.
 */
@Readiness
@ApplicationScoped
public class SinkStallCheck implements HealthCheck {
  static final String NAME = "reports-sink progress";

  private final SinkHealth health;

  public SinkStallCheck(SinkHealth health) {
    this.health = health;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
    Optional<SinkHealth.Stall> stall = health.stall(Instant.now());
    if (stall.isEmpty()) {
      return response.up().build();
    }
    return response
        .down()
        .withData("stalled_since", stall.get().since().toString())
        .withData("reason", String.valueOf(stall.get().reason()))
        .build();
  }
}
