package io.scanflow.reports;

import io.scanflow.contract.AdminToken;
import io.scanflow.contract.registry.CompactedTopicFollower;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * Configuration of reports-sink: the admin token and dashboard sessions, the sink's retry policy,
 * the database, the key registry and the reports API's rate limit. Each default and constraint is
 * declared here only; Quarkus validates them at start-up and refuses to start with a message naming
 * the setting.
 */
@ConfigMapping(prefix = "scanflow")
public interface ReportsConfig {

  /** Said of a duration that must be longer than zero. */
  String POSITIVE = "must be positive";

  /**
   * Bearer token for the reports API and the dashboard; no default outside dev and test. Checked at
   * start-up, so that a guessable token never serves a request.
   */
  @Pattern(regexp = AdminToken.PATTERN, message = AdminToken.REQUIREMENT)
  String adminToken();

  Reports reports();

  Registry registry();

  /** The in-memory copy of the {@code api-keys} and {@code tracking-sites} topics. */
  interface Registry {
    /** How long one poll of the registry consumer waits; bounds how late a revocation is seen. */
    @WithDefault("200ms")
    @DurationMin(millis = 1, message = POSITIVE)
    Duration pollInterval();

    /**
     * How long ago the registry may last have confirmed reading its topics to their end and still
     * call a key it does not know invalid (403); beyond that, unknown keys get 503. At least 5
     * times the poll interval.
     */
    @WithDefault("5s")
    Duration maxStaleness();

    /** Checked at start-up; not a setting (a default method is not mapped). */
    @AssertTrue(message = CompactedTopicFollower.STALENESS_RULE)
    default boolean isMaxStalenessAtLeastFivePolls() {
      return CompactedTopicFollower.confirmsInTime(pollInterval(), maxStaleness());
    }
  }

  /** Settings under {@code scanflow.reports}. */
  interface Reports {
    /** First pause after a failed batch write; doubles up to {@link #retryBackoffMax()}. */
    @WithDefault("200ms")
    @DurationMin(millis = 1, message = POSITIVE)
    Duration retryBackoffMin();

    @WithDefault("5s")
    @DurationMin(millis = 1, message = POSITIVE)
    Duration retryBackoffMax();

    /**
     * How long infrastructure failures may last (or one write may hang) before the sink reports
     * itself stalled: readiness DOWN and {@code stalled} on {@code /api/pipeline}.
     */
    @WithDefault("30s")
    @DurationMin(message = "must not be negative") // 0: stalled at the first failure
    Duration stallAfter();

    /** Window of the end-to-end latency percentiles of {@code GET /api/pipeline}. */
    @WithDefault("5m")
    @DurationMin(millis = 1, message = POSITIVE)
    Duration latencyWindow();

    /** Consumer groups whose lag {@code GET /api/pipeline} reports, in pipeline order. */
    @WithDefault("scanflow-dedupe-stream,scanflow-attribution-stream,scanflow-reports-sink")
    @NotEmpty
    List<String> pipelineGroups();

    /**
     * How long a dashboard session lives unused; every request with it starts the time again. The
     * sessions are kept in memory: a restart ends them all.
     */
    @WithDefault("12h")
    @DurationMin(millis = 1, message = POSITIVE)
    Duration sessionTtl();

    /** Dashboard sessions kept at most; a login beyond that ends the least recently used one. */
    @WithDefault("1000")
    @Min(1)
    int maxSessions();

    /**
     * Wrong admin tokens (login form or bearer) one client address may present per {@link
     * #authFailureWindow()}; further attempts get 429 until the window ends.
     */
    @WithDefault("5")
    @Min(1)
    int authFailureLimit();

    @WithDefault("1m")
    @DurationMin(millis = 1, message = POSITIVE)
    Duration authFailureWindow();

    // @WithName on a group of two words: without it, a refused setting below it is named
    // "scanflow.reports.rateLimit.requests-per-minute" (SmallRye Config 3.16's validator).
    @WithName("rate-limit")
    RateLimit rateLimit();
  }

  /** Per-caller token bucket of the reports API (an API key, the admin token, a session). */
  interface RateLimit {
    /**
     * Requests per minute per caller, and per client address for failed authentication. A dashboard
     * tab polls about 84 a minute.
     */
    @WithDefault("600")
    @Min(1)
    int requestsPerMinute();
  }
}
