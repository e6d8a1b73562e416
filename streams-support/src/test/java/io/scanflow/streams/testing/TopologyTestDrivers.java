package io.scanflow.streams.testing;

import io.scanflow.contract.TopicDescriptor;
import io.scanflow.contract.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Settings and contract topics (String keys, contract values) of a stage's topology test driver.
 */
public final class TopologyTestDrivers {
  private TopologyTestDrivers() {}

  /**
   * No broker is contacted; the state lives in a fresh temporary directory, which the driver
   * empties when it closes and the JVM removes when it exits.
   */
  public static Properties settings(String applicationId) throws IOException {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    Path stateDir = Files.createTempDirectory(applicationId);
    stateDir.toFile().deleteOnExit();
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    return props;
  }

  public static <V> TestInputTopic<String, V> input(
      TopologyTestDriver driver, TopicDescriptor<String, V> topic) {
    return driver.createInputTopic(
        topic.name(), new StringSerializer(), topic.valueSerde().serializer());
  }

  /** The topic as bytes, to feed it records a stage cannot read. */
  public static TestInputTopic<byte[], byte[]> rawInput(
      TopologyTestDriver driver, TopicDescriptor<?, ?> topic) {
    return driver.createInputTopic(
        topic.name(), new ByteArraySerializer(), new ByteArraySerializer());
  }

  public static <V> TestOutputTopic<String, V> output(
      TopologyTestDriver driver, TopicDescriptor<String, V> topic) {
    return driver.createOutputTopic(
        topic.name(), new StringDeserializer(), topic.valueSerde().deserializer());
  }

  public static TestOutputTopic<byte[], byte[]> deadLetters(TopologyTestDriver driver) {
    return driver.createOutputTopic(
        Topics.SERVER_EVENTS_DLQ.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** The last value of header {@code name} as UTF-8 text, or null without one. */
  public static String header(TestRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
