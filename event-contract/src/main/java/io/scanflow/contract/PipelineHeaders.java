package io.scanflow.contract;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Kafka record headers the pipeline stages add so that the reports can trace an event, and the one
 * way each is written and read; values are RFC 3339 UTC instants as UTF-8 text. Kafka Streams
 * carries input headers to its output, so a header set by dedupe-stream is still present on {@code
 * server-events-attributed}.
 */
public final class PipelineHeaders {
  /** When dedupe-stream decided that the receipt is the counted copy or a duplicate. */
  public static final String DEDUPLICATED_AT = "scanflow.deduplicated_at";

  private PipelineHeaders() {}

  /** Sets {@link #DEDUPLICATED_AT} to {@code at}, replacing any earlier value. */
  public static Headers stampDeduplicatedAt(Headers headers, Instant at) {
    return headers
        .remove(DEDUPLICATED_AT)
        .add(DEDUPLICATED_AT, InstantText.format(at).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The last {@link #DEDUPLICATED_AT}; empty when absent or not an instant (it is only a trace).
   */
  public static Optional<Instant> deduplicatedAt(Headers headers) {
    Header header = headers.lastHeader(DEDUPLICATED_AT);
    if (header == null || header.value() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          InstantText.parseInstant(new String(header.value(), StandardCharsets.UTF_8)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
