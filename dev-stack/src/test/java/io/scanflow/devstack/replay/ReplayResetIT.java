package io.scanflow.devstack.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scanflow.testsupport.KafkaTestCluster;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The waiting steps of a replay's reset, against a real broker. */
class ReplayResetIT {
  private static KafkaTestCluster kafka;
  private static Admin admin;

  @BeforeAll
  static void startKafka() {
    kafka = KafkaTestCluster.start();
    admin = kafka.admin();
  }

  @AfterAll
  static void stopKafka() {
    admin.close();
    kafka.close();
  }

  @Test
  void shouldRemoveTheMemberAStoppedInstanceLeftInItsGroup() throws Exception {
    String group = "scanflow-left-behind";
    admin.createTopics(List.of(new NewTopic("left-behind-input", 1, (short) 1))).all().get();
    // A static member does not leave its group on close, as a stopped streams app does not.
    try (KafkaConsumer<byte[], byte[]> consumer = staticMember(group)) {
      consumer.subscribe(List.of("left-behind-input"));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(100));
                return !consumer.assignment().isEmpty();
              });
    }
    assertThat(members(group)).isEqualTo(1);

    new ConsumerGroupReset(admin).removeLeftoverMembers(group);

    assertThat(members(group)).isZero();
  }

  @Test
  void shouldFindNothingToRemoveInAGroupThatNeverStarted() throws Exception {
    new ConsumerGroupReset(admin).removeLeftoverMembers("scanflow-never-started");
  }

  @Test
  void shouldDeleteTheInternalTopicsAndReturnOnlyOnceTheBrokerNoLongerListsThem() throws Exception {
    List<String> created =
        List.of(
            "scanflow-app-store-changelog",
            "scanflow-app-KSTREAM-MAP-0000-repartition",
            "scanflow-app-output");
    admin
        .createTopics(created.stream().map(name -> new NewTopic(name, 1, (short) 1)).toList())
        .all()
        .get();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> admin.listTopics().names().get().containsAll(created));

    List<String> deleted = new StreamsInternalTopics(admin).delete("scanflow-app");

    assertThat(deleted)
        .containsExactly(
            "scanflow-app-KSTREAM-MAP-0000-repartition", "scanflow-app-store-changelog");
    Set<String> left = admin.listTopics().names().get();
    assertThat(left).doesNotContainAnyElementsOf(deleted).contains("scanflow-app-output");
  }

  private static KafkaConsumer<byte[], byte[]> staticMember(String group) {
    Properties props = kafka.clientProperties();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, group + "-1");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return new KafkaConsumer<>(props);
  }

  private static int members(String group) throws Exception {
    return admin
        .describeConsumerGroups(List.of(group))
        .describedGroups()
        .get(group)
        .get()
        .members()
        .size();
  }
}
