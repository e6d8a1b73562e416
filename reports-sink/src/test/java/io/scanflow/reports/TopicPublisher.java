package io.scanflow.reports;

import io.scanflow.contract.ApiKey;
import io.scanflow.contract.ApiKeyHash;
import io.scanflow.contract.AttributedEvent;
import io.scanflow.contract.DuplicateEvent;
import io.scanflow.contract.PipelineHeaders;
import io.scanflow.contract.RequestRejection;
import io.scanflow.contract.Topics;
import io.scanflow.contract.TrackingSite;
import io.scanflow.testsupport.KafkaTestCluster;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes the sink's input records as the pipeline would, and waits for the broker's ack. */
final class TopicPublisher implements AutoCloseable {
  private final KafkaProducer<String, AttributedEvent> events;
  private final KafkaProducer<String, DuplicateEvent> duplicates;
  private final KafkaProducer<String, TrackingSite> sites;
  private final KafkaProducer<String, ApiKey> keys;
  private final KafkaProducer<String, byte[]> raw;

  TopicPublisher(KafkaTestCluster kafka) {
    Properties properties = kafka.clientProperties();
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    StringSerializer key = new StringSerializer();
    events =
        new KafkaProducer<>(
            properties, key, Topics.SERVER_EVENTS_ATTRIBUTED.valueSerde().serializer());
    duplicates =
        new KafkaProducer<>(
            properties, key, Topics.SERVER_EVENTS_DUPLICATES.valueSerde().serializer());
    sites = new KafkaProducer<>(properties, key, Topics.TRACKING_SITES.valueSerde().serializer());
    keys = new KafkaProducer<>(properties, key, Topics.API_KEYS.valueSerde().serializer());
    raw = new KafkaProducer<>(properties, key, new ByteArraySerializer());
  }

  void site(String siteId, String name) {
    site(new TrackingSite(siteId, name, 30, Instant.now()));
  }

  void site(TrackingSite site) {
    await(sites.send(new ProducerRecord<>(Topics.TRACKING_SITES.name(), site.siteId(), site)));
  }

  void apiKey(String key, String siteId, Instant revokedAt) {
    ApiKey value =
        new ApiKey("kid-" + key.hashCode(), siteId, key.substring(0, 12), Instant.now(), revokedAt);
    await(keys.send(new ProducerRecord<>(Topics.API_KEYS.name(), ApiKeyHash.of(key), value)));
  }

  void attributed(AttributedEvent... batch) {
    attributed(List.of(batch));
  }

  void attributed(List<AttributedEvent> batch) {
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (AttributedEvent event : batch) {
      ProducerRecord<String, AttributedEvent> record =
          new ProducerRecord<>(
              Topics.SERVER_EVENTS_ATTRIBUTED.name(), event.event().eventKey(), event);
      PipelineHeaders.stampDeduplicatedAt(record.headers(), event.attributedAt().minusMillis(10));
      sent.add(events.send(record));
    }
    sent.forEach(TopicPublisher::await);
  }

  void duplicates(DuplicateEvent... batch) {
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (DuplicateEvent duplicate : batch) {
      ProducerRecord<String, DuplicateEvent> record =
          new ProducerRecord<>(
              Topics.SERVER_EVENTS_DUPLICATES.name(), duplicate.event().eventKey(), duplicate);
      PipelineHeaders.stampDeduplicatedAt(
          record.headers(), duplicate.event().receivedAt().plusMillis(5));
      sent.add(this.duplicates.send(record));
    }
    sent.forEach(TopicPublisher::await);
  }

  /** Publishes a rejection as ingest-api does: key site_id. */
  void rejection(RequestRejection rejection) {
    byte[] value =
        Topics.REQUEST_REJECTIONS
            .valueSerde()
            .serializer()
            .serialize(Topics.REQUEST_REJECTIONS.name(), rejection);
    raw(Topics.REQUEST_REJECTIONS.name(), rejection.siteId(), value);
  }

  /** Publishes arbitrary bytes, e.g. a value no stage could have written; returns where. */
  RecordMetadata raw(String topic, String key, byte[] value) {
    return await(raw.send(new ProducerRecord<>(topic, key, value)));
  }

  private static RecordMetadata await(Future<RecordMetadata> sent) {
    try {
      return sent.get();
    } catch (Exception e) {
      throw new IllegalStateException("Broker did not take the record", e);
    }
  }

  @Override
  public void close() {
    events.close();
    duplicates.close();
    sites.close();
    keys.close();
    raw.close();
  }
}
