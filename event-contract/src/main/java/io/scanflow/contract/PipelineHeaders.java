package io.scanflow.contract;

/**
 * Kafka record headers the pipeline stages add so that the reports can trace an event; values are
 * RFC 3339 UTC instants as UTF-8 text. Kafka Streams carries input headers to its output, so a
 * header set by dedupe-stream is still present on {@code server-events-attributed}.
 */
public final class PipelineHeaders {
  /** When dedupe-stream decided that the receipt is the counted copy or a duplicate. */
  public static final String DEDUPLICATED_AT = "scanflow.deduplicated_at";

  private PipelineHeaders() {}
}
