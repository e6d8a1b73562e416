package io.scanflow.devstack.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scanflow.devstack.BindAddress;
import io.scanflow.devstack.StackHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerTest {
  private static final Path DIR = Path.of("unused");

  @Test
  void shouldListenOnTheLoopbackOnlyByDefault() {
    Properties props = broker(BindAddress.LOOPBACK).serverProperties();

    assertThat(props.getProperty("listeners"))
        .isEqualTo("PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093");
    assertThat(props.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.1:9092");
    assertThat(props.getProperty("controller.quorum.voters")).isEqualTo("1@127.0.0.1:9093");
  }

  @Test
  void shouldMoveOnlyTheClientListenerWhenBoundElsewhere() {
    KafkaBroker everywhere = broker(new BindAddress("0.0.0.0"));
    Properties props = everywhere.serverProperties();

    assertThat(props.getProperty("listeners"))
        .isEqualTo("PLAINTEXT://0.0.0.0:9092,CONTROLLER://127.0.0.1:9093");
    assertThat(props.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.1:9092");
    assertThat(everywhere.bootstrapServers()).isEqualTo("127.0.0.1:9092");
    assertThat(broker(new BindAddress("192.168.1.20")).serverProperties())
        .containsEntry("advertised.listeners", "PLAINTEXT://192.168.1.20:9092");
  }

  @Test
  void shouldKeepOneReplicaOfEverythingWithOneBroker() {
    assertThat(broker(BindAddress.LOOPBACK).serverProperties())
        .containsEntry("default.replication.factor", "1")
        .containsEntry("min.insync.replicas", "1")
        .containsEntry("transaction.state.log.replication.factor", "1")
        .containsEntry("transaction.state.log.min.isr", "1");
  }

  @Test
  void shouldReplicateEveryTopicThriceWithTwoInSyncInAClusterOfThree(@TempDir Path home) {
    KafkaCluster cluster =
        new KafkaCluster(new StackHome(home), BindAddress.LOOPBACK, 9092, 9093, 3, "");

    assertThat(cluster.bootstrapServers())
        .isEqualTo("127.0.0.1:9092,127.0.0.1:9192,127.0.0.1:9292");
    Properties third = cluster.brokers().get(2).serverProperties();
    assertThat(third)
        .containsEntry("node.id", "3")
        .containsEntry(
            "controller.quorum.voters", "1@127.0.0.1:9093,2@127.0.0.1:9193,3@127.0.0.1:9293")
        .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9292,CONTROLLER://127.0.0.1:9293")
        .containsEntry("log.dirs", home.resolve("data/kafka-3/logs").toString());
    for (String key :
        List.of(
            "default.replication.factor",
            "offsets.topic.replication.factor",
            "transaction.state.log.replication.factor",
            "share.coordinator.state.topic.replication.factor")) {
      assertThat(third).containsEntry(key, "3");
    }
    for (String key :
        List.of(
            "min.insync.replicas",
            "transaction.state.log.min.isr",
            "share.coordinator.state.topic.min.isr")) {
      assertThat(third).containsEntry(key, "2");
    }
  }

  @Test
  void shouldRefuseDataWrittenByAClusterOfAnotherSize(@TempDir Path home) throws Exception {
    StackHome stack = new StackHome(home);
    Files.createDirectories(stack.data());
    Files.writeString(stack.data().resolve("kafka-brokers"), "1");
    KafkaCluster three = new KafkaCluster(stack, BindAddress.LOOPBACK, 9092, 9093, 3, "");

    assertThatThrownBy(three::start)
        .hasMessageContaining("written by a stack with 1 Kafka broker(s), not 3")
        .hasMessageContaining("--brokers=1");
  }

  private static KafkaBroker broker(BindAddress bind) {
    return new KafkaBroker(DIR, bind, 9092, 9093, "", DIR.resolve("kafka.log"));
  }
}
