package io.scanflow.reports;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Configuration of reports-sink: the admin token, the sink's retry policy, the database and the
 * reports API's rate limit.
 */
@ConfigMapping(prefix = "scanflow")
public interface ReportsConfig {

  /** Bearer token for the reports API and the dashboard; no default outside dev and test. */
  String adminToken();

  Reports reports();

  /** Settings under {@code scanflow.reports}. */
  interface Reports {
    /** First pause after a failed batch write; doubles up to {@link #retryBackoffMax()}. */
    @WithDefault("200ms")
    Duration retryBackoffMin();

    @WithDefault("5s")
    Duration retryBackoffMax();

    /**
     * How long infrastructure failures may last (or one write may hang) before the sink reports
     * itself stalled: readiness DOWN and {@code stalled} on {@code /api/pipeline}.
     */
    @WithDefault("30s")
    Duration stallAfter();

    /** Window of the end-to-end latency percentiles of {@code GET /api/pipeline}. */
    @WithDefault("5m")
    Duration latencyWindow();

    /** Consumer groups whose lag {@code GET /api/pipeline} reports, in pipeline order. */
    @WithDefault("scanflow-dedupe-stream,scanflow-attribution-stream,scanflow-reports-sink")
    java.util.List<String> pipelineGroups();

    EmbeddedPostgres embeddedPostgres();

    RateLimit rateLimit();
  }

  /** Per-caller token bucket of the reports API (an API key, the admin token, a session). */
  interface RateLimit {
    /**
     * Requests per minute per caller, and per client address for failed authentication. A dashboard
     * tab polls about 84 a minute.
     */
    @WithDefault("600")
    int requestsPerMinute();
  }

  /**
   * The embedded PostgreSQL; read early by {@link io.scanflow.reports.db.EmbeddedPostgresFactory}
   * and mapped here so that the keys are documented and validated.
   */
  interface EmbeddedPostgres {
    /** {@code true}/{@code false}; absent means "only when no JDBC URL is configured". */
    Optional<Boolean> enabled();

    @WithDefault(".scanflow/reports-postgres")
    String dataDir();

    /** 0 picks a free port at start. */
    @WithDefault("0")
    int port();
  }
}
