package io.scanflow.streams;

import static io.scanflow.streams.testing.TopologyTestDrivers.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scanflow.contract.DlqHeaders;
import io.scanflow.contract.Violations;
import io.scanflow.streams.testing.TopologyTestDrivers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The guard around a stage, on a one-node topology whose stage upper-cases text: a value containing
 * "poison" makes it throw, "timeout" makes it throw what the infrastructure would, "unreadable"
 * cannot be read and "" is invalid.
 */
class GuardedProcessorTest {
  private static final String STAGE = "test-stage";
  private static final long T0 = 1_700_000_000_000L;
  private static final String POISON = "{\"site_id\":\"site-a\",\"ask\":\"poison\"}";

  private final AtomicInteger deadLetters = new AtomicInteger();
  private TopologyTestDriver driver;
  private TestInputTopic<String, String> in;
  private TestOutputTopic<String, String> out;
  private TestOutputTopic<byte[], byte[]> dlq;

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  @Test
  void shouldDeadLetterOnlyTheRecordThatFailsAndProcessTheNext() throws Exception {
    start(1024 * 1024);

    in.pipeInput("k1", "first", T0);
    in.pipeInput("k2", POISON, T0 + 1);
    in.pipeInput("k3", "third", T0 + 2);

    assertThat(out.readValuesToList()).containsExactly("FIRST", "THIRD");
    List<TestRecord<byte[], byte[]>> dead = dlq.readRecordsToList();
    assertThat(dead).hasSize(1);
    TestRecord<byte[], byte[]> letter = dead.get(0);
    assertThat(letter.key()).isEqualTo(bytes("k2"));
    assertThat(letter.value()).isEqualTo(bytes(POISON));
    assertThat(letter.timestamp()).isEqualTo(T0 + 1);
    assertThat(header(letter, DlqHeaders.STAGE)).isEqualTo(STAGE);
    assertThat(header(letter, DlqHeaders.ERROR_CLASS))
        .isEqualTo(IllegalStateException.class.getName());
    assertThat(header(letter, DlqHeaders.ERROR_MESSAGE)).isEqualTo("cannot handle poison");
    assertThat(header(letter, DlqHeaders.SOURCE_TOPIC)).isEqualTo("in");
    assertThat(header(letter, DlqHeaders.SOURCE_PARTITION)).isEqualTo("0");
    assertThat(header(letter, DlqHeaders.SOURCE_OFFSET)).isEqualTo("1");
    assertThat(header(letter, DlqHeaders.SITE_ID)).isEqualTo("site-a");
    assertThat(deadLetters).hasValue(1);
  }

  @Test
  void shouldDeadLetterWhatCannotBeReadOrIsInvalidBeforeTheStageSeesIt() throws Exception {
    start(1024 * 1024);

    in.pipeInput("k1", "unreadable", T0);
    in.pipeInput("k2", "", T0);
    in.pipeInput("k3", "fine", T0);

    assertThat(out.readValuesToList()).containsExactly("FINE");
    assertThat(dlq.readRecordsToList())
        .extracting(
            record -> header(record, DlqHeaders.ERROR_CLASS),
            record -> header(record, DlqHeaders.ERROR_MESSAGE))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(SerializationException.class.getName(), "not text"),
            org.assertj.core.groups.Tuple.tuple(IllegalArgumentException.class.getName(), "empty"));
  }

  @Test
  void shouldKeepTheInputHeadersOnTheDeadLetterNotWhatTheStageAdded() throws Exception {
    start(1024 * 1024);
    RecordHeaders headers = new RecordHeaders();
    headers.add("trace", bytes("t-1"));

    in.pipeInput(new TestRecord<>("k1", POISON, headers, T0));

    TestRecord<byte[], byte[]> letter = dlq.readRecord();
    assertThat(header(letter, "trace")).isEqualTo("t-1");
    assertThat(header(letter, "stage-was-here")).isNull();
  }

  @Test
  void shouldLetInfrastructureFailuresPropagate() throws Exception {
    start(1024 * 1024);

    assertThatThrownBy(() -> in.pipeInput("k1", "timeout", T0))
        .hasRootCauseInstanceOf(TimeoutException.class);
    assertThat(dlq.isEmpty()).isTrue();
  }

  @Test
  void shouldKeepOnlyTheHeadersOfADeadLetterTooLargeToSend() throws Exception {
    int maxRequestSize = 4096;
    start(maxRequestSize);
    String huge = POISON + "x".repeat(maxRequestSize);

    in.pipeInput("k1", huge, T0);
    in.pipeInput("k2", "next", T0);

    TestRecord<byte[], byte[]> letter = dlq.readRecord();
    assertThat(letter.value()).isNull();
    assertThat(header(letter, DlqHeaders.ERROR_MESSAGE))
        .startsWith("value of ")
        .contains("bytes not kept");
    assertThat(header(letter, DlqHeaders.SOURCE_OFFSET)).isEqualTo("0");
    assertThat(out.readValuesToList()).containsExactly("NEXT");
  }

  private void start(int maxRequestSize) throws Exception {
    Properties props = TopologyTestDrivers.settings("guard-test");
    props.put(StreamsConfig.producerPrefix("max.request.size"), Integer.toString(maxRequestSize));
    driver = new TopologyTestDriver(topology(), props);
    in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
    out = driver.createOutputTopic("out", new StringDeserializer(), new StringDeserializer());
    dlq = driver.createOutputTopic("dlq", new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private Topology topology() {
    DeadLetterRoute route = new DeadLetterRoute("dlq-sink", STAGE, deadLetters::incrementAndGet);
    Topology topology = new Topology();
    topology.addSource("source", new ByteArrayDeserializer(), new ByteArrayDeserializer(), "in");
    topology.addProcessor(
        "stage",
        () ->
            new GuardedProcessor<>(
                GuardedProcessorTest::readText,
                text -> text.isEmpty() ? Violations.of("empty") : Violations.NONE,
                new UpperCase(),
                route),
        "source");
    topology.addSink(
        "out-sink", "out", new ByteArraySerializer(), new ByteArraySerializer(), "stage");
    topology.addSink(
        "dlq-sink", "dlq", new ByteArraySerializer(), new ByteArraySerializer(), "stage");
    return topology;
  }

  private static String readText(String topic, byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.equals("unreadable")) {
      throw new SerializationException("not text");
    }
    return text;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The stage: adds a header, then upper-cases, unless the value asks it to fail. */
  private static final class UpperCase implements Processor<String, String, byte[], byte[]> {
    private ProcessorContext<byte[], byte[]> context;

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
      this.context = context;
    }

    @Override
    public void process(Record<String, String> record) {
      record.headers().add("stage-was-here", bytes("yes"));
      if (record.value().contains("poison")) {
        throw new IllegalStateException("cannot handle poison");
      }
      if (record.value().equals("timeout")) {
        throw new TimeoutException("broker too slow");
      }
      byte[] upper = bytes(record.value().toUpperCase(Locale.ROOT));
      context.forward(new Record<>(bytes(record.key()), upper, record.timestamp()), "out-sink");
    }
  }
}
