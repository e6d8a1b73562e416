package io.scanflow.reports.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

  @Test
  void shouldCountIpv4AddressesOneByOne() {
    assertThat(ClientAddress.throttleKey("192.0.2.7")).isEqualTo("192.0.2.7");
  }

  @Test
  void shouldCountAnIpv6AddressByItsSlash64() {
    assertThat(ClientAddress.throttleKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd"))
        .isEqualTo(ClientAddress.throttleKey("2001:db8:1:2::1"))
        .isEqualTo("2001:db8:1:2:0:0:0:0/64");
    assertThat(ClientAddress.throttleKey("2001:db8:1:3::1")).isEqualTo("2001:db8:1:3:0:0:0:0/64");
  }

  @Test
  void shouldCountAnIpv4MappedIpv6AddressAsTheIpv4Address() {
    assertThat(ClientAddress.throttleKey("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
  }
}
