package io.scanflow.reports.api;

import io.scanflow.reports.ReportsConfig;
import io.scanflow.reports.api.ConsumerLag.StageLag;
import io.scanflow.reports.auth.AccessGuard;
import io.scanflow.reports.store.Latency;
import io.scanflow.reports.store.LatencyQueries;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** {@code GET /api/pipeline}: lag per stage and end-to-end latency (admin only). */
@Path("/api/pipeline")
@Produces(MediaType.APPLICATION_JSON)
public class PipelineResource {
  private final AccessGuard guard;
  private final ConsumerLag lag;
  private final LatencyQueries latency;
  private final ReportsConfig config;

  public PipelineResource(
      AccessGuard guard, ConsumerLag lag, LatencyQueries latency, ReportsConfig config) {
    this.guard = guard;
    this.lag = lag;
    this.latency = latency;
    this.config = config;
  }

  /** The pipeline's state; the lag of each stage is its consumer group's lag over all inputs. */
  public record PipelineState(Instant measuredAt, List<StageLag> stages, Latency endToEndLatency) {}

  @GET
  public PipelineState pipeline(@Context HttpHeaders headers) throws SQLException {
    guard.requireAdmin(headers);
    List<StageLag> stages = lag.of(config.reports().pipelineGroups());
    return new PipelineState(
        Instant.now(), stages, latency.latency(config.reports().latencyWindow()));
  }
}
