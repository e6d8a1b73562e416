package io.scanflow.ingest.registry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until the key registry has caught up, and not ready again while it is behind (cut off
 * from Kafka): unknown keys then get 503, so the load balancer should prefer another instance.
 */
@Readiness
@ApplicationScoped
public class RegistryReadinessCheck implements HealthCheck {
  @Inject RegistryService registry;

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("key-registry").status(registry.isCurrent()).build();
  }
}
