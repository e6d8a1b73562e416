package io.scanflow.reports.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionCookiesTest {

  @Test
  void shouldCallAnHttpsConnectionSecure() {
    assertThat(SessionCookies.overHttps("https", null)).isTrue();
  }

  @Test
  void shouldBelieveAProxysForwardedProtoWithoutProxyConfiguration() {
    assertThat(SessionCookies.overHttps("http", "https")).isTrue();
    assertThat(SessionCookies.overHttps("http", "HTTPS")).isTrue();
    assertThat(SessionCookies.overHttps("http", "https, http")).as("first hop counts").isTrue();
  }

  @Test
  void shouldCallPlainHttpInsecure() {
    assertThat(SessionCookies.overHttps("http", null)).isFalse();
    assertThat(SessionCookies.overHttps("http", "http")).isFalse();
    assertThat(SessionCookies.overHttps("http", "http, https")).isFalse();
  }
}
