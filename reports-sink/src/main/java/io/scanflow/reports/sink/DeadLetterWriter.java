package io.scanflow.reports.sink;

import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Sends the sink's dead letters to {@code server-events-dlq} and waits for the broker's
 * acknowledgement (acks=all, idempotent producer), so the sink acknowledges a batch only once its
 * dead letters are safely stored: a crash can duplicate a dead letter, never lose one.
 */
@ApplicationScoped
public class DeadLetterWriter {
  private static final Logger LOG = Logger.getLogger(DeadLetterWriter.class);
  private static final int TIMEOUT_MS = 10_000;

  private final Map<String, Object> kafkaConfig;
  private KafkaProducer<String, byte[]> producer;

  /**
   * @param kafkaConfig {@code kafka.*} (KAFKA_* variables): bootstrap servers and, in compose, the
   *     SASL settings
   */
  public DeadLetterWriter(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
    this.kafkaConfig = kafkaConfig;
  }

  /**
   * Sends every record of {@code pending} and removes those the broker acknowledged; throws if any
   * is left, so that the caller retries just those.
   */
  public void send(List<DeadLetter> pending) {
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (DeadLetter letter : pending) {
      sent.add(producer().send(letter.toDeadLetter()));
    }
    Exception failure = null;
    Iterator<DeadLetter> letters = pending.iterator();
    for (Future<RecordMetadata> future : sent) {
      DeadLetter letter = letters.next();
      try {
        future.get();
        letters.remove();
        // Stage, site and reason only: never the record's key or values.
        LOG.warnf(
            "Dead letter: stage %s, site %s, record %s, %s: %s",
            DeadLetter.STAGE,
            letter.siteId(),
            letter.position(),
            letter.errorClass(),
            letter.errorMessage());
      } catch (ExecutionException e) {
        failure = failure == null ? e : failure;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while sending to the DLQ", e);
      }
    }
    if (failure != null) {
      throw new IllegalStateException(
          pending.size() + " record(s) not acknowledged by the DLQ", failure.getCause());
    }
  }

  private synchronized KafkaProducer<String, byte[]> producer() {
    // Created on first use: a healthy pipeline never needs it.
    if (producer == null) {
      Map<String, Object> config = new HashMap<>(kafkaConfig);
      config.remove("group.id"); // a consumer setting of kafka.*, unknown to a producer
      config.put(ProducerConfig.CLIENT_ID_CONFIG, "scanflow-reports-dlq");
      config.put(ProducerConfig.ACKS_CONFIG, "all");
      config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, TIMEOUT_MS);
      config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS / 2);
      config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
      producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }
    return producer;
  }

  @PreDestroy
  synchronized void close() {
    if (producer != null) {
      producer.close();
    }
  }
}
