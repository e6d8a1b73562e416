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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes to Kafka and returns only once the broker acknowledged every write (acks=all), or throws
 * {@link EventStoreUnavailableException} when that did not happen within the publish timeout.
 *
 * <p>A plain {@link KafkaProducer} rather than a messaging emitter: each request needs its own
 * acknowledgement under a hard deadline, and a broker outage must not leave a channel in a failed
 * state or in an overflow buffer after the client was already told 503.
 *
 * <p>The deadline covers the whole request, sending included: {@code send()} itself can block (up
 * to {@code max.block.ms}, per record) while the producer has no metadata for the topic, so the
 * records are handed to the producer on a thread of our own, which stops at the deadline, while the
 * request thread waits for the hand-over and the acknowledgements within what is left.
 */
@ApplicationScoped
public class EventStore implements AutoCloseable {
  private final KafkaProducer<String, byte[]> producer;
  private final Duration timeout;
  private final ExecutorService senders;

  @Inject
  public EventStore(
      @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, IngestConfig config) {
    this(kafkaConfig, config.publish().timeout());
  }

  /** A store of its own, e.g. to act as a second instance in a test. */
  public EventStore(Map<String, Object> kafkaConfig, Duration timeout) {
    this.timeout = timeout;
    this.senders = Executors.newCachedThreadPool(EventStore::senderThread);
    this.producer =
        new KafkaProducer<>(
            ProducerSettings.of(kafkaConfig, timeout),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  /** Writes events to {@code server-events}: key {@code site/event}, timestamp received_at. */
  public void publishEvents(List<IngestedEvent> events) {
    long deadline = deadline();
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>(events.size());
    for (IngestedEvent event : events) {
      records.add(record(Topics.SERVER_EVENTS, event.eventKey(), event, event.receivedAt()));
    }
    writeAll(records, deadline);
  }

  /** Writes a scan session to {@code scan-sessions}: key scan_session_id, timestamp scanned_at. */
  public void publishScanSession(ScanSession session) {
    long deadline = deadline();
    writeAll(
        List.of(
            record(Topics.SCAN_SESSIONS, session.scanSessionId(), session, session.scannedAt())),
        deadline);
  }

  /** Writes one record of a contract topic and returns where it landed. */
  public <V> RecordMetadata write(TopicDescriptor<String, V> topic, String key, V value) {
    long deadline = deadline();
    return writeAll(List.of(record(topic, key, value, Instant.now())), deadline).get(0);
  }

  private static <V> ProducerRecord<String, byte[]> record(
      TopicDescriptor<String, V> topic, String key, V value, Instant timestamp) {
    byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
    return new ProducerRecord<>(topic.name(), null, timestamp.toEpochMilli(), key, bytes);
  }

  /** Sends all records at once (so a batch is pipelined), then waits for every acknowledgement. */
  private List<RecordMetadata> writeAll(
      List<ProducerRecord<String, byte[]>> records, long deadline) {
    Future<List<Future<RecordMetadata>>> handedOver =
        senders.submit(() -> sendUntil(records, deadline));
    try {
      List<Future<RecordMetadata>> pending = handedOver.get(left(deadline), TimeUnit.NANOSECONDS);
      List<RecordMetadata> written = new ArrayList<>(records.size());
      for (Future<RecordMetadata> ack : pending) {
        written.add(ack.get(left(deadline), TimeUnit.NANOSECONDS));
      }
      return written;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(e);
    } catch (ExecutionException e) {
      throw unavailable(e.getCause());
    } catch (TimeoutException e) {
      handedOver.cancel(false);
      throw unavailable(e);
    }
  }

  /**
   * Hands the records to the producer, stopping at the deadline or at the first record the producer
   * already failed (the rest would wait and fail the same way).
   */
  private List<Future<RecordMetadata>> sendUntil(
      List<ProducerRecord<String, byte[]>> records, long deadline) throws Exception {
    List<Future<RecordMetadata>> pending = new ArrayList<>(records.size());
    for (ProducerRecord<String, byte[]> record : records) {
      if (left(deadline) == 0) {
        throw new TimeoutException("Publish deadline passed while handing records to Kafka");
      }
      Future<RecordMetadata> ack = producer.send(record);
      if (ack.isDone()) {
        failFast(ack);
      }
      pending.add(ack);
    }
    return pending;
  }

  private static void failFast(Future<RecordMetadata> ack) throws Exception {
    try {
      ack.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /** One deadline per request, taken before anything is serialised or sent. */
  private long deadline() {
    return System.nanoTime() + timeout.toNanos();
  }

  private static long left(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }

  private EventStoreUnavailableException unavailable(Throwable cause) {
    return new EventStoreUnavailableException(
        "Kafka did not acknowledge the write within " + timeout, cause);
  }

  private static Thread senderThread(Runnable task) {
    Thread thread = new Thread(task, "scanflow-publish-sender");
    thread.setDaemon(true);
    return thread;
  }

  @PreDestroy
  @Override
  public void close() {
    senders.shutdown();
    producer.close(Duration.ofSeconds(2));
  }
}
