package io.scanflow.ingest.registry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the key registry has read every site and key that existed at start-up. */
@Readiness
@ApplicationScoped
public class RegistryReadinessCheck implements HealthCheck {
  @Inject RegistryService registry;

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("key-registry").status(registry.caughtUp()).build();
  }
}
