package io.scanflow.contract;

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
  public static final TopicDescriptor<String, ScanSession> SCAN_SESSIONS =
      compacted("scan-sessions", ScanSession.class);
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
