package io.scanflow.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scanflow.contract.lag.ConsumerGroupLag;
import io.scanflow.contract.lag.GroupLag;
import io.scanflow.testsupport.KafkaTestCluster;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared lag reader on a real broker, against topics written in transactions. */
class ConsumerGroupLagIT {
  private static final int PARTITIONS = 3;
  private static KafkaTestCluster kafka;
  private static ConsumerGroupLag lag;

  private String topic;
  private String group;

  @BeforeAll
  static void startBroker() {
    kafka = KafkaTestCluster.start();
    lag = ConsumerGroupLag.connect(kafka.bootstrapServers(), Duration.ofSeconds(5));
  }

  @AfterAll
  static void stopBroker() {
    lag.close();
    kafka.close();
  }

  @BeforeEach
  void newTopicAndGroup() throws Exception {
    topic = "lag-it-" + UUID.randomUUID();
    group = "lag-it-group-" + UUID.randomUUID();
    try (Admin admin = kafka.admin()) {
      admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
    }
  }

  @Test
  void shouldShowZeroForAGroupCaughtUpOnATransactionalTopic() throws Exception {
    // given 30 records in three committed transactions, all read and committed by the group the
    // way the sink commits: last record + 1, one offset short of each commit marker
    try (KafkaProducer<String, String> producer = transactional()) {
      for (int transaction = 0; transaction < 3; transaction++) {
        sendInTransaction(producer, 10);
        producer.commitTransaction();
      }
    }
    consumeAndCommit(30);
    assertThat(rawGap())
        .as("one commit marker per partition after the committed offsets")
        .isEqualTo(PARTITIONS);

    // when
    GroupLag idle = lag.read(group);

    // then
    assertThat(idle.lag()).isZero();
    assertThat(idle.partitions()).isEqualTo(PARTITIONS);
    assertThat(lag.read(group).lag()).as("read again, from the remembered counts").isZero();
  }

  @Test
  void shouldCountOnlyCommittedRecordsTheGroupHasNotProcessed() throws Exception {
    // given a caught-up group
    try (KafkaProducer<String, String> producer = transactional()) {
      sendInTransaction(producer, 6);
      producer.commitTransaction();
    }
    consumeAndCommit(6);

    try (KafkaProducer<String, String> committed = transactional();
        KafkaProducer<String, String> aborted = transactional();
        KafkaProducer<String, String> open = transactional()) {
      // when 7 records are committed, 5 aborted, and 4 wait in a transaction still open
      sendInTransaction(committed, 7);
      committed.commitTransaction();
      sendInTransaction(aborted, 5);
      aborted.abortTransaction();
      sendInTransaction(open, 4);
      open.flush();

      // then only the committed ones are lag
      assertThat(lag.read(group).lag()).isEqualTo(7);

      // and the open ones count once they are committed
      open.commitTransaction();
      assertThat(lag.read(group).lag()).isEqualTo(11);
    }
  }

  @Test
  void shouldCountAnAssignedPartitionWithoutCommitsFromItsStart() throws Exception {
    try (KafkaProducer<String, String> producer = transactional()) {
      sendInTransaction(producer, 9);
      producer.commitTransaction();
    }

    // given a member that was assigned every partition and has committed nothing yet
    try (KafkaConsumer<String, String> member = consumer()) {
      member.subscribe(List.of(topic));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> {
                member.poll(Duration.ofMillis(100));
                return member.assignment().size() == PARTITIONS;
              });

      // then all of the topic is its lag
      GroupLag started = lag.read(group);
      assertThat(started.lag()).isEqualTo(9);
      assertThat(started.partitions()).isEqualTo(PARTITIONS);
    }
  }

  @Test
  void shouldLeaveOutTheOffsetsOfADeletedTopic() throws Exception {
    // given a group caught up on one topic that also kept offsets on a topic deleted since (a
    // streams app's internal topic after a reset)
    try (KafkaProducer<String, String> producer = transactional()) {
      sendInTransaction(producer, 3);
      producer.commitTransaction();
    }
    consumeAndCommit(3);
    String deleted = "lag-it-deleted-" + UUID.randomUUID();
    try (Admin admin = kafka.admin()) {
      admin.createTopics(List.of(new NewTopic(deleted, 1, (short) 1))).all().get();
      admin
          .alterConsumerGroupOffsets(
              group, Map.of(new TopicPartition(deleted, 0), new OffsetAndMetadata(0)))
          .all()
          .get();
      admin.deleteTopics(List.of(deleted)).all().get();
    }

    GroupLag read = lag.read(group);

    assertThat(read.lag()).isZero();
    assertThat(read.partitions()).isEqualTo(PARTITIONS);
  }

  @Test
  void shouldSayAGroupThatNeverRanHasNotStarted() throws Exception {
    GroupLag never = lag.read("lag-it-never-" + UUID.randomUUID());

    assertThat(never.started()).isFalse();
    assertThat(never.lag()).isZero();
  }

  private KafkaProducer<String, String> transactional() {
    Properties properties = kafka.clientProperties();
    properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "lag-it-" + UUID.randomUUID());
    KafkaProducer<String, String> producer =
        new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    producer.initTransactions();
    return producer;
  }

  /** Begins a transaction and sends {@code count} records spread over every partition. */
  private void sendInTransaction(KafkaProducer<String, String> producer, int count) {
    producer.beginTransaction();
    IntStream.range(0, count)
        .forEach(i -> producer.send(new ProducerRecord<>(topic, i % PARTITIONS, "k" + i, "v")));
  }

  /** Reads {@code count} records as the group (read_committed) and commits last record + 1. */
  private void consumeAndCommit(int count) {
    Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
    try (KafkaConsumer<String, String> consumer = consumer()) {
      consumer.assign(partitions());
      consumer.seekToBeginning(partitions());
      AtomicInteger read = new AtomicInteger();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> {
                for (ConsumerRecord<String, String> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  done.put(
                      new TopicPartition(record.topic(), record.partition()),
                      new OffsetAndMetadata(record.offset() + 1));
                  read.incrementAndGet();
                }
                return read.get() >= count;
              });
      consumer.commitSync(done);
    }
  }

  /** End offsets minus committed offsets, as {@code kafka-consumer-groups} shows them. */
  private long rawGap() throws Exception {
    try (Admin admin = kafka.admin()) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      partitions().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
      var ends = admin.listOffsets(latest).all().get();
      var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      return partitions().stream()
          .mapToLong(p -> ends.get(p).offset() - committed.get(p).offset())
          .sum();
    }
  }

  private KafkaConsumer<String, String> consumer() {
    Properties properties = kafka.clientProperties();
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
  }

  private List<TopicPartition> partitions() {
    return IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(topic, p)).toList();
  }
}
