package io.scanflow.contract;

import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic of the public contract: its name, key and value serdes, and the topic configs it is
 * created with (cleanup policy, retention).
 */
public record TopicDescriptor<K, V>(
    String name, Serde<K> keySerde, Serde<V> valueSerde, Map<String, String> configs) {

  public TopicDescriptor {
    configs = Map.copyOf(configs);
  }

  public boolean compacted() {
    return "compact".equals(configs.get("cleanup.policy"));
  }
}
