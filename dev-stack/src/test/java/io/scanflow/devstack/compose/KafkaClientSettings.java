package io.scanflow.devstack.compose;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The Kafka client settings a service of docker-compose.yml ends up with, mapped from its
 * environment the way Quarkus maps it: {@code KAFKA_SASL_JAAS_CONFIG} is {@code
 * kafka.sasl.jaas.config} and goes, as {@code sasl.jaas.config}, to every client built from the
 * {@code kafka.*} settings (ingest-api, reports-sink); {@code
 * QUARKUS_KAFKA_STREAMS_SASL_JAAS_CONFIG} is the streams apps'.
 */
public final class KafkaClientSettings {
  private static final Map<String, String> STREAMS =
      Map.of(
          "QUARKUS_KAFKA_STREAMS_SECURITY_PROTOCOL", "security.protocol",
          "QUARKUS_KAFKA_STREAMS_SASL_MECHANISM", "sasl.mechanism",
          "QUARKUS_KAFKA_STREAMS_SASL_JAAS_CONFIG", "sasl.jaas.config");

  private KafkaClientSettings() {}

  /** With the variables of {@code secrets} filled in. */
  public static Map<String, Object> of(
      ComposeFile compose, String service, Map<String, String> secrets) {
    Map<String, Object> settings = new LinkedHashMap<>();
    compose
        .environment(service)
        .forEach(
            (name, value) -> {
              String key =
                  name.startsWith("KAFKA_")
                      ? name.substring(6).toLowerCase(Locale.ROOT).replace('_', '.')
                      : STREAMS.get(name);
              if (key != null) {
                settings.put(key, ComposeFile.interpolate(value, secrets::get));
              }
            });
    return settings;
  }
}
