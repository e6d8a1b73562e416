package io.scanflow.e2e;

import io.scanflow.contract.DeadLetterSubject;
import io.scanflow.contract.DlqHeaders;
import io.scanflow.contract.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code server-events-dlq} from its beginning, read as an analytics consumer reads it
 * (read_committed: the streams write their dead letters inside their transactions).
 */
final class DeadLetterLog implements AutoCloseable {
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<DeadLetter> read = new ArrayList<>();

  DeadLetterLog(String bootstrapServers) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.CLIENT_ID_CONFIG,
                "e2e-dlq-reader"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    String topic = Topics.SERVER_EVENTS_DLQ.name();
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
            .map(info -> new TopicPartition(topic, info.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** One dead letter: the original key and bytes, and the headers naming the failure. */
  record DeadLetter(ConsumerRecord<byte[], byte[]> record) {
    String header(String name) {
      return DlqHeaders.text(record.headers(), name);
    }

    String stage() {
      return header(DlqHeaders.STAGE);
    }

    String siteId() {
      return header(DlqHeaders.SITE_ID);
    }

    String sourceTopic() {
      return header(DlqHeaders.SOURCE_TOPIC);
    }

    String key() {
      return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }

    /** The event id the contract's own reader finds in it (what a warning can show). */
    String eventId() {
      return DeadLetterSubject.of(sourceTopic(), key(), record.value()).eventId();
    }

    /** Whether an ASCII marker occurs in the key or the value bytes. */
    boolean mentions(String marker) {
      return contains(record.key(), marker) || contains(record.value(), marker);
    }

    /** Where the failed record was read; one dead letter per position and stage. */
    String position() {
      return stage()
          + " "
          + sourceTopic()
          + "-"
          + header(DlqHeaders.SOURCE_PARTITION)
          + "@"
          + header(DlqHeaders.SOURCE_OFFSET);
    }

    @Override
    public String toString() {
      return position()
          + " site="
          + siteId()
          + " "
          + header(DlqHeaders.ERROR_CLASS)
          + ": "
          + header(DlqHeaders.ERROR_MESSAGE);
    }

    private static boolean contains(byte[] bytes, String marker) {
      return bytes != null
          && new String(bytes, StandardCharsets.ISO_8859_1)
              .contains(
                  new String(marker.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
    }
  }

  /** Every dead letter committed so far (polls for new ones first). */
  List<DeadLetter> all() {
    for (var record : consumer.poll(Duration.ofMillis(300))) {
      read.add(new DeadLetter(record));
    }
    return List.copyOf(read);
  }

  @Override
  public void close() {
    consumer.close();
  }
}
