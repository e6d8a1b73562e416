package io.scanflow.ingest.publish;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The producer settings that make "200 only after a durable write, else 503 in time" hold:
 * acks=all, idempotence, and every client-side timeout derived from the one publish timeout.
 */
public final class ProducerSettings {
  static final int LINGER_MS = 5;

  private ProducerSettings() {}

  public static Map<String, Object> of(Map<String, Object> kafkaConfig, Duration publishTimeout) {
    long timeoutMs = Math.max(publishTimeout.toMillis(), LINGER_MS + 100);
    Map<String, Object> config = new HashMap<>(kafkaConfig);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    config.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
    // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms.
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeoutMs);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (timeoutMs - LINGER_MS));
    // send() blocks for metadata at most this long when the broker is unreachable.
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "scanflow-ingest-" + System.nanoTime());
    return config;
  }
}
