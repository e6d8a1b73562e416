package io.scanflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BindAddressTest {

  @Test
  void shouldConnectToTheLoopbackWhenBoundToEveryInterface() {
    BindAddress everywhere = new BindAddress("0.0.0.0");

    assertThat(everywhere.isLoopback()).isFalse();
    assertThat(everywhere.connectHost()).isEqualTo("127.0.0.1");
    assertThat(everywhere.urlHost()).isEqualTo("localhost");
  }

  @Test
  void shouldConnectToAndPrintASpecificAddressItself() {
    BindAddress lan = new BindAddress("192.168.1.20");

    assertThat(lan.connectHost()).isEqualTo("192.168.1.20");
    assertThat(lan.urlHost()).isEqualTo("192.168.1.20");
    assertThat(new BindAddress("127.0.0.2").urlHost()).isEqualTo("127.0.0.2");
    assertThat(BindAddress.LOOPBACK.urlHost()).isEqualTo("localhost");
  }

  @Test
  void shouldRefuseWhatIsNotAnIpv4Address() {
    assertThatThrownBy(() -> new BindAddress("example.org"))
        .hasMessageContaining("--bind must be an IPv4 address");
    assertThatThrownBy(() -> new BindAddress("::1"))
        .hasMessageContaining("--bind must be an IPv4 address");
    assertThatThrownBy(() -> new BindAddress("10.0.0.256")).hasMessageContaining("10.0.0.256");
  }

  @Test
  void shouldRefuseAnAddressNoInterfaceOfThisMachineHas() {
    // TEST-NET-3 (RFC 5737): documentation only, never assigned to a machine.
    assertThatThrownBy(new BindAddress("203.0.113.7")::requireLocal)
        .hasMessageContaining("203.0.113.7 is not an address of this machine");
    assertThatCode(new BindAddress("0.0.0.0")::requireLocal).doesNotThrowAnyException();
    assertThatCode(BindAddress.LOOPBACK::requireLocal).doesNotThrowAnyException();
  }
}
