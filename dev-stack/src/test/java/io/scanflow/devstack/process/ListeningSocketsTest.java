package io.scanflow.devstack.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class ListeningSocketsTest {

  @Test
  void shouldDecodeTheKernelsAddressesInTheHostsByteOrder() throws Exception {
    ByteOrder little = ByteOrder.LITTLE_ENDIAN;

    assertThat(ListeningSockets.address("0100007F:1F90", little))
        .isEqualTo(new InetSocketAddress("127.0.0.1", 8080));
    assertThat(ListeningSockets.address("7F000001:1F90", ByteOrder.BIG_ENDIAN))
        .isEqualTo(new InetSocketAddress("127.0.0.1", 8080));
    assertThat(ListeningSockets.address("00000000:2384", little))
        .isEqualTo(new InetSocketAddress("0.0.0.0", 9092));
    // an IPv6 socket bound to 127.0.0.1 (::ffff:127.0.0.1), as Java's sockets are
    assertThat(ListeningSockets.address("0000000000000000FFFF00000100007F:1F91", little))
        .isEqualTo(new InetSocketAddress("127.0.0.1", 8081));
    assertThat(ListeningSockets.address("00000000000000000000000000000000:1F91", little))
        .isEqualTo(new InetSocketAddress(InetAddress.getByName("::"), 8081));
  }

  @Test
  void shouldFindTheSocketsThisProcessListensOn() throws Exception {
    try (ServerSocket local = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        ServerSocket everywhere = new ServerSocket(0)) {

      var listening = ListeningSockets.of(ProcessHandle.current().pid());

      assertThat(listening).contains(new InetSocketAddress("127.0.0.1", local.getLocalPort()));
      assertThat(listening)
          .filteredOn(socket -> socket.getPort() == everywhere.getLocalPort())
          .singleElement()
          .satisfies(socket -> assertThat(socket.getAddress().isAnyLocalAddress()).isTrue());
    }
  }
}
