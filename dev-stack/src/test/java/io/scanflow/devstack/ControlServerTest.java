package io.scanflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanflow.devstack.process.ListeningSockets;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlServerTest {
  @TempDir Path home;

  @Test
  void shouldListenOnTheLoopbackEvenWhenTheStackIsBoundEverywhere() {
    StackPorts ports = StackPorts.free();
    DevStackConfig config =
        new DevStackConfig(
            home,
            new StackHome(home),
            ports,
            StackScale.SINGLE,
            new BindAddress("0.0.0.0"),
            false,
            false,
            "",
            Map.of());

    try (ControlServer control = ControlServer.start(new DevStack(config), ports.control())) {
      assertThat(control.address()).isEqualTo(new InetSocketAddress("127.0.0.1", ports.control()));
      assertThat(ListeningSockets.of(ProcessHandle.current().pid()))
          .filteredOn(socket -> socket.getPort() == ports.control())
          .containsExactly(new InetSocketAddress("127.0.0.1", ports.control()));
    }
  }
}
