package io.scanflow.ingest.config;

import io.scanflow.contract.AdminToken;
import io.scanflow.contract.registry.CompactedTopicFollower;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * Every {@code scanflow.*} setting of ingest-api: its default and its constraints, declared here
 * only. Quarkus validates them at start-up and refuses to start with a message naming the setting.
 */
@ConfigMapping(prefix = "scanflow")
public interface IngestConfig {
  /** Said of a duration that must be longer than zero. */
  String POSITIVE = "must be positive";

  /**
   * Bearer token of the admin API; required, there is no default outside dev and test. Checked at
   * start-up, so that a guessable token never serves a request.
   */
  @Pattern(regexp = AdminToken.PATTERN, message = AdminToken.REQUIREMENT)
  String adminToken();

  // @WithName on a group of two words: without it, a refused setting below it is named
  // "scanflow.eventTime.max-past" in the start-up error (SmallRye Config 3.16's validator).
  @WithName("event-time")
  EventTime eventTime();

  @WithName("rate-limit")
  RateLimit rateLimit();

  Publish publish();

  Registry registry();

  TopicsConfig topics();

  Rejections rejections();

  Overload overload();

  /**
   * Load shedding of the event endpoints (io.scanflow.ingest.overload.AdmissionLimit): how many
   * requests ingest-api works on at once adapts to their answer time; beyond, 503 at once.
   */
  interface Overload {
    @WithDefault("true")
    boolean enabled();

    /** The answer time the limit steers to: mean of the admitted requests, plus event-loop lag. */
    @WithDefault("500ms")
    @DurationMin(millis = 1, message = POSITIVE)
    Duration targetLatency();

    /** The limit never falls below this: fewer requests in progress are never refused. */
    @WithDefault("32")
    @Min(1)
    int minConcurrency();

    /** The limit never rises above this. */
    @WithDefault("1024")
    @Min(1)
    int maxConcurrency();

    /** How often the limit is moved. */
    @WithDefault("100ms")
    @DurationMin(millis = 10, message = "must be at least 10ms")
    @DurationMax(seconds = 10, message = "must be at most 10s")
    Duration interval();

    /** The value of {@code Retry-After} on the 503 of a refused request. */
    @WithDefault("1")
    @Min(1)
    int retryAfterSeconds();

    /** Checked at start-up; not a setting (a default method is not mapped). */
    @AssertTrue(message = "scanflow.overload.max-concurrency must be at least min-concurrency")
    default boolean isMaxAtLeastMin() {
      return maxConcurrency() >= minConcurrency();
    }
  }

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
    @DurationMin(message = "must not be negative")
    Duration maxFuture();

    @WithDefault("7d")
    @DurationMin(message = "must not be negative")
    Duration maxPast();
  }

  /** Per-key token bucket, shared by all instances through {@code rate-limit-usage}. */
  interface RateLimit {
    @WithDefault("1000")
    @Min(1)
    int requestsPerMinute();

    /** How often this instance sends what it admitted to the other instances (100–200 ms). */
    @WithDefault("100ms")
    @DurationMin(millis = 10, message = "must be at least 10ms")
    @DurationMax(seconds = 1, message = "must be at most 1s")
    Duration shareInterval();

    /**
     * How long an instance counts as alive after its last usage record; and how long this
     * instance's own records may take to come back before it fails open to its own limit.
     */
    @WithDefault("2s")
    Duration peerTimeout();

    /** Checked at start-up; not a setting (a default method is not mapped). */
    @AssertTrue(
        message = "scanflow.rate-limit.peer-timeout must be at least 5 times share-interval")
    default boolean isPeerTimeoutAtLeastFiveShares() {
      return peerTimeout().compareTo(shareInterval().multipliedBy(5)) >= 0;
    }
  }

  /** How long a request waits for the broker to acknowledge its writes before answering 503. */
  interface Publish {
    @WithDefault("5s")
    @DurationMin(millis = 1, message = POSITIVE)
    Duration timeout();

    /** The value of {@code Retry-After} on a 503. */
    @WithDefault("5")
    @Min(1)
    int retryAfterSeconds();
  }

  /** The in-memory view of the {@code api-keys} and {@code tracking-sites} topics. */
  interface Registry {
    /** How long one poll of the registry consumer waits; bounds how late a revocation is seen. */
    @WithDefault("200ms")
    @DurationMin(millis = 1, message = POSITIVE)
    Duration pollInterval();

    /** How long an admin call waits for its own write to show up in the local registry. */
    @WithDefault("10s")
    @DurationMin(millis = 1, message = POSITIVE)
    Duration readYourWritesTimeout();

    /**
     * How long ago the registry may last have confirmed reading its topics to their end and still
     * call a key it does not know invalid (403); beyond that, unknown keys get 503.
     */
    @WithDefault("5s")
    Duration maxStaleness();

    /** Checked at start-up; not a setting (a default method is not mapped). */
    @AssertTrue(message = CompactedTopicFollower.STALENESS_RULE)
    default boolean isMaxStalenessAtLeastFivePolls() {
      return CompactedTopicFollower.confirmsInTime(pollInterval(), maxStaleness());
    }
  }

  /** Whether ingest-api creates missing pipeline topics at start-up, and how. */
  interface TopicsConfig {
    @WithDefault("true")
    boolean createMissing();

    @WithDefault("12")
    @Min(1)
    int partitions();

    @WithDefault("1")
    @Min(1)
    short replicationFactor();
  }
}
