package io.scanflow.devstack.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanflow.devstack.BindAddress;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

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

  private static KafkaBroker broker(BindAddress bind) {
    return new KafkaBroker(DIR, bind, 9092, 9093, "", DIR.resolve("kafka.log"));
  }
}
