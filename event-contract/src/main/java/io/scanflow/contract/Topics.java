package io.scanflow.contract;

import io.scanflow.contract.ratelimit.RateLimitUsage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Every topic of the pipeline (pipeline.md §1); names and shapes are a public contract. */
public final class Topics {
  private static final Serde<String> KEY = Serdes.String();

  public static final TopicDescriptor<String, IngestedEvent> SERVER_EVENTS =
      deleteAfter("server-events", IngestedEvent.class, Duration.ofDays(14));
  public static final TopicDescriptor<String, IngestedEvent> SERVER_EVENTS_UNIQUE =
      deleteAfter("server-events-unique", IngestedEvent.class, Duration.ofDays(14));
  public static final TopicDescriptor<String, DuplicateEvent> SERVER_EVENTS_DUPLICATES =
      deleteAfter("server-events-duplicates", DuplicateEvent.class, Duration.ofDays(14));
  public static final TopicDescriptor<String, AttributedEvent> SERVER_EVENTS_ATTRIBUTED =
      deleteAfter("server-events-attributed", AttributedEvent.class, Duration.ofDays(14));

  /**
   * How long a scan session's first registration is kept before compaction may drop it for a later
   * one of the same id: the longest attribution window (90 days), plus how far back an event may be
   * dated (7 days), plus the events' retention (14 days). A replay then still sees the first
   * registration of every session a retained event can be attributed to, so ownership (first site
   * wins, pipeline.md §3) is rebuilt the same.
   */
  public static final Duration SCAN_SESSION_MIN_COMPACTION_LAG = Duration.ofDays(90 + 7 + 14);

  public static final TopicDescriptor<String, ScanSession> SCAN_SESSIONS =
      new TopicDescriptor<>(
          "scan-sessions",
          KEY,
          new JsonSerde<>(ScanSession.class),
          Map.of(
              "cleanup.policy",
              "compact",
              "min.compaction.lag.ms",
              millis(SCAN_SESSION_MIN_COMPACTION_LAG)));
  public static final TopicDescriptor<String, TrackingSite> TRACKING_SITES =
      compacted("tracking-sites", TrackingSite.class);
  public static final TopicDescriptor<String, ApiKey> API_KEYS =
      compacted("api-keys", ApiKey.class);

  /**
   * Every site creation's claim on its site_id (the site it would create), read only by ingest-api:
   * the first claim of a site_id in its partition wins. Kept forever and never compacted, because
   * compaction keeps the last record of a key and the rule needs the first.
   */
  public static final TopicDescriptor<String, TrackingSite> SITE_CLAIMS =
      new TopicDescriptor<>(
          "site-claims",
          KEY,
          new JsonSerde<>(TrackingSite.class),
          Map.of("cleanup.policy", "delete", "retention.ms", "-1"));

  /** What ingest-api refused to an authenticated key, per site (http-api.md §10). */
  public static final TopicDescriptor<String, RequestRejection> REQUEST_REJECTIONS =
      deleteAfter("request-rejections", RequestRejection.class, Duration.ofDays(7));

  /**
   * How long {@code rate-limit-usage} keeps records: only the last minute matters to a bucket (it
   * refills fully in a minute), the rest is slack for an operator to look at. Segments roll as
   * often, so that the retention actually deletes them.
   */
  public static final Duration RATE_LIMIT_USAGE_RETENTION = Duration.ofMinutes(10);

  /**
   * What each ingest-api instance admitted per rate-limit subject, every 100–200 ms (http-api.md
   * §5); every instance reads it all and charges the others' admissions to its own buckets.
   */
  public static final TopicDescriptor<String, RateLimitUsage> RATE_LIMIT_USAGE =
      new TopicDescriptor<>(
          "rate-limit-usage",
          KEY,
          new JsonSerde<>(RateLimitUsage.class),
          Map.of(
              "cleanup.policy",
              "delete",
              "retention.ms",
              millis(RATE_LIMIT_USAGE_RETENTION),
              "segment.ms",
              millis(RATE_LIMIT_USAGE_RETENTION)));

  public static final TopicDescriptor<byte[], byte[]> SERVER_EVENTS_DLQ =
      new TopicDescriptor<>(
          "server-events-dlq",
          Serdes.ByteArray(),
          Serdes.ByteArray(),
          Map.of("cleanup.policy", "delete", "retention.ms", millis(Duration.ofDays(30))));

  private Topics() {}

  /** All topics, in pipeline order. */
  public static List<TopicDescriptor<?, ?>> all() {
    return List.of(
        SERVER_EVENTS,
        SERVER_EVENTS_UNIQUE,
        SERVER_EVENTS_DUPLICATES,
        SERVER_EVENTS_ATTRIBUTED,
        SCAN_SESSIONS,
        TRACKING_SITES,
        API_KEYS,
        SITE_CLAIMS,
        REQUEST_REJECTIONS,
        RATE_LIMIT_USAGE,
        SERVER_EVENTS_DLQ);
  }

  private static <V> TopicDescriptor<String, V> deleteAfter(
      String name, Class<V> type, Duration retention) {
    return new TopicDescriptor<>(
        name,
        KEY,
        new JsonSerde<>(type),
        Map.of("cleanup.policy", "delete", "retention.ms", millis(retention)));
  }

  private static <V> TopicDescriptor<String, V> compacted(String name, Class<V> type) {
    return new TopicDescriptor<>(
        name, KEY, new JsonSerde<>(type), Map.of("cleanup.policy", "compact"));
  }

  private static String millis(Duration duration) {
    return Long.toString(duration.toMillis());
  }
}
