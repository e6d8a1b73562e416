package io.scanflow.ingest.config;

import io.scanflow.contract.AdminToken;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;

/** Every {@code scanflow.*} setting of ingest-api, with its default. */
@ConfigMapping(prefix = "scanflow")
public interface IngestConfig {

  /**
   * Bearer token of the admin API; required, there is no default outside dev and test. Checked at
   * start-up, so that a guessable token never serves a request.
   */
  @Pattern(regexp = AdminToken.PATTERN, message = AdminToken.REQUIREMENT)
  String adminToken();

  EventTime eventTime();

  RateLimit rateLimit();

  Publish publish();

  Registry registry();

  TopicsConfig topics();

  Rejections rejections();

  /** The rejection log (http-api.md §10): what refusals go to {@code request-rejections}. */
  interface Rejections {
    /** Records per API key and minute; refusals beyond are only counted. */
    @WithDefault("60")
    @Min(1)
    int perKeyPerMinute();

    /** Records waiting for Kafka at most; beyond, new ones are dropped and counted. */
    @WithDefault("1000")
    @Min(1)
    int buffer();
  }

  /** Accepted range of a client's {@code event_time} (and {@code scanned_at}). */
  interface EventTime {
    @WithDefault("5m")
    Duration maxFuture();

    @WithDefault("7d")
    Duration maxPast();
  }

  /** Per-key token bucket, shared by all instances through {@code rate-limit-usage}. */
  interface RateLimit {
    @WithDefault("1000")
    int requestsPerMinute();

    /** How often this instance sends what it admitted to the other instances (100–200 ms). */
    @WithDefault("100ms")
    Duration shareInterval();

    /**
     * How long an instance counts as alive after its last usage record; and how long this
     * instance's own records may take to come back before it fails open to its own limit.
     */
    @WithDefault("2s")
    Duration peerTimeout();
  }

  /** How long a request waits for the broker to acknowledge its writes before answering 503. */
  interface Publish {
    @WithDefault("5s")
    Duration timeout();

    /** The value of {@code Retry-After} on a 503. */
    @WithDefault("5")
    int retryAfterSeconds();
  }

  /** The in-memory view of the {@code api-keys} and {@code tracking-sites} topics. */
  interface Registry {
    /** How long one poll of the registry consumer waits; bounds how late a revocation is seen. */
    @WithDefault("200ms")
    Duration pollInterval();

    /** How long an admin call waits for its own write to show up in the local registry. */
    @WithDefault("10s")
    Duration readYourWritesTimeout();

    /**
     * How long ago the registry may last have confirmed reading its topics to their end and still
     * call a key it does not know invalid (403); beyond that, unknown keys get 503.
     */
    @WithDefault("5s")
    Duration maxStaleness();
  }

  /** Whether ingest-api creates missing pipeline topics at start-up, and how. */
  interface TopicsConfig {
    @WithDefault("true")
    boolean createMissing();

    @WithDefault("12")
    int partitions();

    @WithDefault("1")
    short replicationFactor();
  }
}
