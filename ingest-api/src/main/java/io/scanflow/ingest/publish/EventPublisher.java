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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes to Kafka. Each write completes only once the broker acknowledged every record
 * (acks=all), or fails with {@link PublishUnavailableException} when that did not happen within the
 * publish timeout; no thread waits for it meanwhile, the producer's callback completes it.
 *
 * <p>A plain {@link KafkaProducer} rather than a messaging emitter: each request needs its own
 * acknowledgement under a hard deadline, and a broker outage must not leave a channel in a failed
 * state or in an overflow buffer after the client was already told 503.
 *
 * <p>The deadline covers the whole request, sending included: {@code send()} itself can block (up
 * to {@code max.block.ms}, per record) while the producer has no metadata for the topic or its
 * buffer is full, so the records are handed to the producer on one thread of our own. It hands over
 * no record of a request whose deadline passed or that already failed, and a send still blocked
 * when its request's deadline passes is interrupted (the producer then drops the record), so
 * nothing is handed to Kafka after the 503 was decided. A request that finds the hand-over queue
 * full fails at once.
 */
@ApplicationScoped
public class EventPublisher implements AutoCloseable {
  /** Requests waiting for the sender; beyond this the service is overloaded and answers 503. */
  static final int HAND_OVER_QUEUE = 10_000;

  private final Producer<String, byte[]> producer;
  private final Duration timeout;
  private final ThreadPoolExecutor sender;
  private volatile Thread senderThread;

  /** The request whose record the sender is handing over right now; guarded by {@code this}. */
  private Acks sending;

  @Inject
  public EventPublisher(
      @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, IngestConfig config) {
    this(kafkaConfig, config.publish().timeout());
  }

  /** A publisher of its own, e.g. to act as a second instance in a test. */
  public EventPublisher(Map<String, Object> kafkaConfig, Duration timeout) {
    this(
        new KafkaProducer<>(
            ProducerSettings.of(kafkaConfig, timeout),
            new StringSerializer(),
            new ByteArraySerializer()),
        timeout);
  }

  EventPublisher(Producer<String, byte[]> producer, Duration timeout) {
    this.producer = producer;
    this.timeout = timeout;
    this.sender =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(HAND_OVER_QUEUE),
            this::senderThread);
  }

  /** Writes events to {@code server-events}: key {@code site/event}, timestamp received_at. */
  public CompletionStage<Void> publishEvents(List<IngestedEvent> events) {
    long deadline = deadline();
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>(events.size());
    for (IngestedEvent event : events) {
      records.add(record(Topics.SERVER_EVENTS, event.eventKey(), event, event.receivedAt()));
    }
    return writeAll(records, deadline).thenApply(written -> null);
  }

  /** Writes a scan session to {@code scan-sessions}: key scan_session_id, timestamp scanned_at. */
  public CompletionStage<Void> publishScanSession(ScanSession session) {
    long deadline = deadline();
    return writeAll(
            List.of(
                record(
                    Topics.SCAN_SESSIONS, session.scanSessionId(), session, session.scannedAt())),
            deadline)
        .thenApply(written -> null);
  }

  /**
   * Writes one record of a contract topic and returns where it landed, waiting for it: for the
   * admin operations, which run on worker threads and need the offset to read their own write.
   */
  public <V> RecordMetadata write(TopicDescriptor<String, V> topic, String key, V value) {
    long deadline = deadline();
    try {
      return writeAll(List.of(record(topic, key, value, Instant.now())), deadline).get().get(0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof PublishUnavailableException unavailable
          ? unavailable
          : unavailable(e.getCause());
    }
  }

  private static <V> ProducerRecord<String, byte[]> record(
      TopicDescriptor<String, V> topic, String key, V value, Instant timestamp) {
    byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
    return new ProducerRecord<>(topic.name(), null, timestamp.toEpochMilli(), key, bytes);
  }

  /**
   * Hands all records over at once (so a batch is pipelined); completes when every one was
   * acknowledged, fails at the first failure or at the deadline, whichever comes first.
   */
  private CompletableFuture<List<RecordMetadata>> writeAll(
      List<ProducerRecord<String, byte[]>> records, long deadline) {
    Acks acks = new Acks(records.size());
    try {
      sender.execute(() -> sendUntil(records, deadline, acks));
    } catch (RejectedExecutionException e) {
      acks.completeExceptionally(e);
    }
    acks.orTimeout(left(deadline), TimeUnit.NANOSECONDS);
    acks.whenComplete((written, failure) -> stopSending(acks));
    return acks.exceptionallyCompose(
        failure -> CompletableFuture.failedFuture(unavailable(failure)));
  }

  /**
   * On the sender thread: hands the records to the producer, stopping at the deadline or as soon as
   * the request is decided (a record failed, or the deadline passed while this one waited).
   */
  private void sendUntil(List<ProducerRecord<String, byte[]>> records, long deadline, Acks acks) {
    for (int i = 0; i < records.size(); i++) {
      if (acks.isDone()) {
        return;
      }
      if (left(deadline) == 0) {
        acks.completeExceptionally(
            new TimeoutException("Publish deadline passed while handing records to Kafka"));
        return;
      }
      int index = i;
      startSending(acks);
      try {
        producer.send(
            records.get(i), (metadata, failure) -> acks.acknowledged(index, metadata, failure));
      } catch (RuntimeException e) {
        acks.completeExceptionally(e);
        return;
      } finally {
        doneSending();
      }
    }
  }

  private synchronized void startSending(Acks acks) {
    sending = acks;
  }

  /** Clears an interrupt that came too late, after the send had returned. */
  private synchronized void doneSending() {
    sending = null;
    Thread.interrupted();
  }

  /** A request was decided: if its record is still being handed over, the send is abandoned. */
  private synchronized void stopSending(Acks acks) {
    if (sending == acks) {
      senderThread.interrupt();
    }
  }

  /** The acknowledgements of one request's records, completed by the producer's callbacks. */
  private static final class Acks extends CompletableFuture<List<RecordMetadata>> {
    private final AtomicReferenceArray<RecordMetadata> written;
    private final AtomicInteger missing;

    Acks(int records) {
      this.written = new AtomicReferenceArray<>(records);
      this.missing = new AtomicInteger(records);
    }

    void acknowledged(int index, RecordMetadata metadata, Exception failure) {
      if (failure != null) {
        completeExceptionally(failure);
        return;
      }
      written.set(index, metadata);
      if (missing.decrementAndGet() == 0) {
        List<RecordMetadata> all = new ArrayList<>(written.length());
        for (int i = 0; i < written.length(); i++) {
          all.add(written.get(i));
        }
        complete(all);
      }
    }
  }

  /** One deadline per request, taken before anything is serialised or sent. */
  private long deadline() {
    return System.nanoTime() + timeout.toNanos();
  }

  private static long left(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }

  private PublishUnavailableException unavailable(Throwable cause) {
    return new PublishUnavailableException(
        "Kafka did not acknowledge the write within " + timeout, cause);
  }

  private Thread senderThread(Runnable task) {
    Thread thread = new Thread(task, "scanflow-publish-sender");
    thread.setDaemon(true);
    senderThread = thread;
    return thread;
  }

  @PreDestroy
  @Override
  public void close() {
    sender.shutdown();
    producer.close(Duration.ofSeconds(2));
  }
}
