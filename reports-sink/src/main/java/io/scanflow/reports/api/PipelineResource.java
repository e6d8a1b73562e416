package io.scanflow.reports.api;

import io.scanflow.reports.ReportsConfig;
import io.scanflow.reports.auth.AdminOnly;
import io.scanflow.reports.store.Latency;
import io.scanflow.reports.store.LatencyQueries;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * {@code GET /api/pipeline}: each stage's health and the end-to-end latency (admin only). Answers
 * even while Kafka or the database is down, so that the dashboard can show why.
 */
@AdminOnly
@Path("/api/pipeline")
@Produces(MediaType.APPLICATION_JSON)
public class PipelineResource {
  private static final Logger LOG = Logger.getLogger(PipelineResource.class);

  private final PipelineHealth health;
  private final LatencyQueries latency;
  private final ReportsConfig config;

  public PipelineResource(PipelineHealth health, LatencyQueries latency, ReportsConfig config) {
    this.health = health;
    this.latency = latency;
    this.config = config;
  }

  /** The pipeline's state; {@code endToEndLatency} is null while the database cannot be read. */
  public record PipelineState(
      Instant measuredAt, List<StageHealth> stages, Latency endToEndLatency) {}

  @GET
  public PipelineState pipeline() {
    Instant now = Instant.now();
    return new PipelineState(now, health.stages(now), latency());
  }

  private Latency latency() {
    try {
      return latency.latency(config.reports().latencyWindow());
    } catch (SQLException e) {
      LOG.debugf("End-to-end latency unavailable: %s", e.getMessage());
      return null;
    }
  }
}
