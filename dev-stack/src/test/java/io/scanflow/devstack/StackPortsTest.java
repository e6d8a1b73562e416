package io.scanflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackPortsTest {

  @Test
  void shouldNameTheTakenPortBeforeStartingAnything() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      StackPorts free = StackPorts.free();
      StackPorts ports =
          new StackPorts(
              taken.getLocalPort(),
              free.reports(),
              free.dedupe(),
              free.attribution(),
              free.kafka(),
              free.kafkaController(),
              free.postgres(),
              free.control());

      assertThatThrownBy(ports::requireFree)
          .hasMessageContaining("ingest-api port " + taken.getLocalPort())
          .hasMessageContaining("--ingest-port");
    }
  }

  @Test
  void shouldPutBrokerAndInstanceNOnTheFirstOnesPortPlus100TimesNMinus1() {
    Map<String, Integer> ports = StackPorts.defaults().byRole(new StackScale(3, 2));

    assertThat(ports)
        .containsEntry("kafka", 9092)
        .containsEntry("kafka-controller", 9093)
        .containsEntry("kafka-2", 9192)
        .containsEntry("kafka-controller-2", 9193)
        .containsEntry("kafka-3", 9292)
        .containsEntry("kafka-controller-3", 9293)
        .containsEntry("ingest-api", 8080)
        .containsEntry("ingest-api-2", 8180)
        .containsEntry("reports-sink-2", 8181)
        .containsEntry("dedupe-stream-2", 8182)
        .containsEntry("attribution-stream-2", 8183)
        .doesNotContainKeys("kafka-4", "ingest-api-3");
    assertThat(ports.values()).doesNotHaveDuplicates();
  }

  @Test
  void shouldCheckThePortsOfEveryBrokerAndInstance() throws Exception {
    StackPorts free = StackPorts.free();
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", StackScale.port(free.ingest(), 2)));

      assertThatCode(free::requireFree).doesNotThrowAnyException();
      assertThatThrownBy(() -> free.requireFree(new StackScale(3, 2)))
          .hasMessageContaining("ingest-api-2 port " + taken.getLocalPort());
    }
  }

  @Test
  void shouldAcceptFreePorts() {
    assertThatCode(StackPorts.free()::requireFree).doesNotThrowAnyException();
    assertThatCode(() -> StackPorts.free().requireFree(new StackScale(3, 3)))
        .doesNotThrowAnyException();
  }
}
