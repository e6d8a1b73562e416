package io.scanflow.streams;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The largest record (key, value and headers) a stage may hand to a sink: the producer's {@code
 * max.request.size} less room for the record and batch framing.
 *
 * <p>Why a stage checks this itself: under exactly-once a record the producer refuses as too large
 * puts the whole transaction in an abortable state, so no production-exception handler can skip it;
 * the transaction aborts, the input is read again, and the stage never gets past it.
 */
public record RecordSizeLimit(long maxBytes) {
  /** Framing of one record in a batch of its own (batch header, varints, per-header lengths). */
  static final int FRAMING_MARGIN = 1024;

  private static final String MAX_REQUEST_SIZE = ProducerConfig.MAX_REQUEST_SIZE_CONFIG;
  private static final int DEFAULT_MAX_REQUEST_SIZE = 1024 * 1024;

  /** The limit for the producer the app's Kafka Streams settings configure. */
  public static RecordSizeLimit of(Map<String, Object> appConfigs) {
    Object configured = appConfigs.get(StreamsConfig.producerPrefix(MAX_REQUEST_SIZE));
    if (configured == null) {
      configured = appConfigs.get(MAX_REQUEST_SIZE);
    }
    long maxRequestSize =
        configured == null
            ? DEFAULT_MAX_REQUEST_SIZE
            : Long.parseLong(configured.toString().trim());
    return new RecordSizeLimit(maxRequestSize - FRAMING_MARGIN);
  }

  /** The bytes of a record as the producer counts them, framing aside. */
  public static long sizeOf(byte[] key, byte[] value, Iterable<Header> headers) {
    long size = length(key) + length(value);
    for (Header header : headers) {
      size += header.key().getBytes(StandardCharsets.UTF_8).length + length(header.value());
    }
    return size;
  }

  public boolean fits(long size) {
    return size <= maxBytes;
  }

  private static int length(byte[] bytes) {
    return bytes == null ? 0 : bytes.length;
  }
}
