package io.scanflow.streams;

import io.scanflow.contract.TopicDescriptor;
import io.scanflow.contract.Violations;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;

/**
 * The wiring every stage's topology shares: an input topic is read as bytes by a {@link
 * GuardedProcessor} that reads them with that topic's own value serde (so the bytes of a record
 * that fails can go to the DLQ untouched), and an output topic receives the bytes the stage
 * serialised itself ({@link OutputRecords}).
 */
public final class GuardedTopology {
  private GuardedTopology() {}

  /**
   * A byte-array source on {@code topic} and, behind it, the guarded processor that reads, checks
   * and hands each record to a new {@code stage}; the topology's node names stay the caller's.
   */
  public static <V> void addGuardedInput(
      Topology topology,
      String sourceName,
      TopicDescriptor<?, V> topic,
      String processorName,
      Function<V, Violations> violationsOf,
      Supplier<Processor<String, V, byte[], byte[]>> stage,
      DeadLetterRoute route) {
    topology.addSource(
        sourceName, new ByteArrayDeserializer(), new ByteArrayDeserializer(), topic.name());
    topology.addProcessor(
        processorName,
        () ->
            new GuardedProcessor<>(
                topic.valueSerde().deserializer(), violationsOf, stage.get(), route),
        sourceName);
  }

  /** A sink that passes on to {@code topic} the bytes its parents serialised. */
  public static void addSerializedSink(
      Topology topology, String sinkName, TopicDescriptor<?, ?> topic, String... parentNames) {
    topology.addSink(
        sinkName, topic.name(), new ByteArraySerializer(), new ByteArraySerializer(), parentNames);
  }
}
