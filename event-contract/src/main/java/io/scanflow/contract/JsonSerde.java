package io.scanflow.contract;

import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serde of one contract record type, as UTF-8 JSON via {@link ContractJson}. */
public final class JsonSerde<T> implements Serde<T> {
  private final Class<T> type;

  public JsonSerde(Class<T> type) {
    this.type = type;
  }

  public Class<T> type() {
    return type;
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> {
      if (value == null) {
        return null;
      }
      try {
        return ContractJson.mapper().writeValueAsBytes(value);
      } catch (IOException e) {
        throw new SerializationException("Cannot write " + type.getSimpleName(), e);
      }
    };
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return ContractJson.mapper().readValue(bytes, type);
      } catch (IOException e) {
        throw new SerializationException(
            "Cannot read " + type.getSimpleName() + " from " + topic + ": " + e.getMessage(), e);
      }
    };
  }
}
