package io.scanflow.devstack.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scanflow.devstack.BindAddress;
import io.scanflow.devstack.DevStackConfig;
import io.scanflow.devstack.StackPorts;
import io.scanflow.devstack.process.ChildProcess;
import io.scanflow.devstack.process.ListeningSockets;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dev stack's broker has no authentication, so what the kernel says it listens on matters: the
 * loopback only, also once the supervisor has started it again after a crash.
 */
class KafkaBrokerIT {
  private static final Duration RELAUNCH_READY = Duration.ofSeconds(60);

  @TempDir Path dir;
  private ChildProcess broker;

  @AfterEach
  void stop() {
    if (broker != null) {
      broker.stop(Duration.ofSeconds(10));
    }
  }

  @Test
  void shouldListenOnTheLoopbackOnlyAlsoAfterARestart() {
    StackPorts ports = StackPorts.free();
    KafkaBroker kafka =
        new KafkaBroker(
            dir.resolve("kafka"),
            BindAddress.LOOPBACK,
            ports.kafka(),
            ports.kafkaController(),
            DevStackConfig.forRepo(Path.of("..")).classpath(),
            dir.resolve("kafka.log"));
    List<InetSocketAddress> expected =
        List.of(
            new InetSocketAddress("127.0.0.1", ports.kafka()),
            new InetSocketAddress("127.0.0.1", ports.kafkaController()));
    broker = kafka.start();

    assertThat(ListeningSockets.of(broker.pid())).containsExactlyInAnyOrderElementsOf(expected);

    // what the supervisor does after the broker died
    ProcessHandle crashed = ProcessHandle.of(broker.pid()).orElseThrow();
    crashed.destroyForcibly();
    crashed.onExit().join();
    broker = kafka.launch();

    await()
        .atMost(RELAUNCH_READY)
        .untilAsserted(
            () ->
                assertThat(ListeningSockets.of(broker.pid()))
                    .containsExactlyInAnyOrderElementsOf(expected));
  }
}
