package io.scanflow.contract.ratelimit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.scanflow.contract.Sha256;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What one ingest-api instance admitted since its previous record, on {@code rate-limit-usage}: the
 * other instances charge these requests to their own buckets, so the limit holds for a key across
 * all instances together (http-api.md §5). Sent every share interval, also when empty, as the
 * instance's heartbeat.
 *
 * @param instanceId the sender, random per process start (also the record key)
 * @param seq the sender's record number, from 1, so it can tell which of its records it has read
 *     back
 * @param admitted requests admitted per {@link #subjectOf rate-limit subject}, never a key or its
 *     hash
 * @param stopping true on the last record of an instance that shuts down cleanly
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RateLimitUsage(
    @JsonProperty("instance_id") String instanceId,
    @JsonProperty("seq") long seq,
    @JsonProperty("admitted") Map<String, Integer> admitted,
    @JsonProperty("stopping") boolean stopping) {

  /** More than any bucket could admit between two records, even after a long outage. */
  static final int MAX_COUNT = 10_000_000;

  private static final Pattern SUBJECT = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern INSTANCE = Pattern.compile("[0-9A-Za-z_.:-]{1,64}");

  public RateLimitUsage {
    admitted = admitted == null ? null : Map.copyOf(admitted);
  }

  /**
   * The name of a key's bucket on the topic: derived from the key's hash with a domain prefix, so
   * that the topic holds neither the key nor the hash that identifies it on {@code api-keys}.
   */
  public static String subjectOf(String keyHash) {
    return HexFormat.of().formatHex(Sha256.of("scanflow-rate-limit:" + keyHash), 0, 16);
  }

  /** Why this record must be ignored (a poison record), if it must. */
  public Optional<String> problem() {
    if (instanceId == null || !INSTANCE.matcher(instanceId).matches()) {
      return Optional.of("instance_id missing or malformed");
    }
    if (seq < 1) {
      return Optional.of("seq must be at least 1");
    }
    if (admitted == null) {
      return Optional.of("admitted missing");
    }
    for (Map.Entry<String, Integer> entry : admitted.entrySet()) {
      if (!SUBJECT.matcher(entry.getKey()).matches()) {
        return Optional.of("malformed subject");
      }
      if (entry.getValue() == null || entry.getValue() < 1 || entry.getValue() > MAX_COUNT) {
        return Optional.of("count out of range");
      }
    }
    return Optional.empty();
  }
}
