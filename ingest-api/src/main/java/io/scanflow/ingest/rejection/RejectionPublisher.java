package io.scanflow.ingest.rejection;

import io.scanflow.contract.RequestRejection;
import io.scanflow.contract.Topics;
import io.scanflow.ingest.http.IngestMetrics;
import io.scanflow.ingest.publish.ProducerSettings;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Fire and forget onto {@code request-rejections}: a request only puts its rejection in a bounded
 * queue and never waits; one thread of our own hands the queue to an idempotent acks=all producer.
 * A full queue (the broker is down or slow) or a failed send drops the record and counts it, since
 * a rejection is a troubleshooting aid, never worth slowing or failing a request for.
 */
public final class RejectionPublisher implements AutoCloseable {
  /** How long a send may take before the producer gives the record up. */
  static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

  private final BlockingQueue<RequestRejection> queue;
  private final KafkaProducer<String, byte[]> producer;
  private final IngestMetrics metrics;
  private final Thread sender;

  public RejectionPublisher(Map<String, Object> kafkaConfig, int buffer, IngestMetrics metrics) {
    this.queue = new ArrayBlockingQueue<>(buffer);
    this.metrics = metrics;
    Map<String, Object> config = ProducerSettings.of(kafkaConfig, SEND_TIMEOUT);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "scanflow-ingest-rejections-" + System.nanoTime());
    this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    this.sender = new Thread(this::sendForever, "scanflow-rejection-sender");
    sender.setDaemon(true);
    sender.start();
  }

  /** Queues the rejection, or drops it when the queue is full; never blocks. */
  public void offer(RequestRejection rejection) {
    if (!queue.offer(rejection)) {
      metrics.rejection("dropped");
    }
  }

  private void sendForever() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        send(queue.take());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void send(RequestRejection rejection) {
    try {
      byte[] value =
          Topics.REQUEST_REJECTIONS
              .valueSerde()
              .serializer()
              .serialize(Topics.REQUEST_REJECTIONS.name(), rejection);
      producer.send(
          new ProducerRecord<>(
              Topics.REQUEST_REJECTIONS.name(),
              null,
              rejection.at().toEpochMilli(),
              rejection.siteId(),
              value),
          (metadata, failure) -> metrics.rejection(failure == null ? "published" : "dropped"));
    } catch (RuntimeException e) {
      // Blocked too long for metadata, or closed: this record is lost, the next one may pass.
      metrics.rejection("dropped");
    }
  }

  @Override
  public void close() {
    sender.interrupt();
    producer.close(Duration.ofSeconds(2));
  }
}
