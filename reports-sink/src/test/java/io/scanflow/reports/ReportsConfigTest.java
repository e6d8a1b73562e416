package io.scanflow.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.ConfigValidationException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The constraints of the config mapping, validated the way Quarkus does at start-up. */
class ReportsConfigTest {

  @Test
  void shouldRefuseToStartWithAShortAdminTokenNamingTheSettingButNotTheValue() {
    assertThatThrownBy(() -> configWithAdminToken("changeme-admin"))
        .isInstanceOf(ConfigValidationException.class)
        .hasMessageContaining("scanflow.admin-token")
        .hasMessageContaining("at least 32 characters")
        .message()
        .doesNotContain("changeme-admin");
  }

  @Test
  void shouldRefuseABlankAdminToken() {
    assertThatThrownBy(() -> configWithAdminToken(" ".repeat(40)))
        .isInstanceOf(ConfigValidationException.class)
        .hasMessageContaining("scanflow.admin-token");
  }

  @Test
  void shouldStartWithATokenOfAtLeast32CharactersAndTwelveHourSessions() {
    String token = "0123456789abcdef0123456789abcdef";

    ReportsConfig config = configWithAdminToken(token);

    assertThat(config.adminToken()).isEqualTo(token);
    assertThat(config.reports().sessionTtl()).isEqualTo(Duration.ofHours(12));
    assertThat(config.reports().authFailureLimit()).isEqualTo(5);
    assertThat(config.reports().authFailureWindow()).isEqualTo(Duration.ofMinutes(1));
  }

  private static ReportsConfig configWithAdminToken(String token) {
    return TestConfig.reportsConfig(Map.of("scanflow.admin-token", token));
  }
}
