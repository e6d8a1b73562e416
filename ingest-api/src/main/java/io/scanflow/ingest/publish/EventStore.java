package io.scanflow.ingest.publish;

import io.scanflow.contract.IngestedEvent;
import io.scanflow.contract.ScanSession;
import io.scanflow.contract.TopicDescriptor;
import io.scanflow.contract.Topics;
import io.scanflow.ingest.config.IngestConfig;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes to Kafka and returns only once the broker acknowledged every write (acks=all), or throws
 * {@link EventStoreUnavailableException} when that did not happen within the publish timeout.
 *
 * <p>A plain {@link KafkaProducer} rather than a messaging emitter: each request needs its own
 * acknowledgement under a hard deadline, and a broker outage must not leave a channel in a failed
 * state or in an overflow buffer after the client was already told 503.
 */
@ApplicationScoped
public class EventStore {
  private final KafkaProducer<String, byte[]> producer;
  private final Duration timeout;

  @Inject
  public EventStore(
      @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, IngestConfig config) {
    this.timeout = config.publish().timeout();
    this.producer =
        new KafkaProducer<>(
            ProducerSettings.of(kafkaConfig, timeout),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  /** Writes events to {@code server-events}: key {@code site/event}, timestamp received_at. */
  public void publishEvents(List<IngestedEvent> events) {
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>(events.size());
    for (IngestedEvent event : events) {
      records.add(record(Topics.SERVER_EVENTS, event.eventKey(), event, event.receivedAt()));
    }
    writeAll(records);
  }

  /** Writes a scan session to {@code scan-sessions}: key scan_session_id, timestamp scanned_at. */
  public void publishScanSession(ScanSession session) {
    writeAll(
        List.of(
            record(Topics.SCAN_SESSIONS, session.scanSessionId(), session, session.scannedAt())));
  }

  /** Writes one record of a contract topic and returns where it landed. */
  public <V> RecordMetadata write(TopicDescriptor<String, V> topic, String key, V value) {
    return writeAll(List.of(record(topic, key, value, Instant.now()))).get(0);
  }

  private static <V> ProducerRecord<String, byte[]> record(
      TopicDescriptor<String, V> topic, String key, V value, Instant timestamp) {
    byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
    return new ProducerRecord<>(topic.name(), null, timestamp.toEpochMilli(), key, bytes);
  }

  /** Sends all records at once (so a batch is pipelined), then waits for every acknowledgement. */
  private List<RecordMetadata> writeAll(List<ProducerRecord<String, byte[]>> records) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      List<Future<RecordMetadata>> pending = new ArrayList<>(records.size());
      for (ProducerRecord<String, byte[]> record : records) {
        pending.add(producer.send(record));
      }
      List<RecordMetadata> written = new ArrayList<>(records.size());
      for (Future<RecordMetadata> ack : pending) {
        long left = Math.max(0, deadline - System.nanoTime());
        written.add(ack.get(left, TimeUnit.NANOSECONDS));
      }
      return written;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(e);
    } catch (ExecutionException e) {
      throw unavailable(e.getCause());
    } catch (TimeoutException | KafkaException e) {
      throw unavailable(e);
    }
  }

  private EventStoreUnavailableException unavailable(Throwable cause) {
    return new EventStoreUnavailableException(
        "Kafka did not acknowledge the write within " + timeout, cause);
  }

  @PreDestroy
  void close() {
    producer.close(Duration.ofSeconds(2));
  }
}
