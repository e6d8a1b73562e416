package io.scanflow.reports.db;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Stops the embedded PostgreSQL when the application stops (also on a dev-mode restart, where the
 * JVM and its shutdown hook live on).
 */
@ApplicationScoped
public class EmbeddedPostgresLifecycle {
  // Late, after the sink has stopped writing.
  void onStop(@Observes @Priority(Integer.MAX_VALUE - 1) ShutdownEvent event) {
    EmbeddedPostgresServer.stop();
  }
}
