package io.scanflow.devstack;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
  void shouldAcceptFreePorts() {
    assertThatCode(StackPorts.free()::requireFree).doesNotThrowAnyException();
  }
}
