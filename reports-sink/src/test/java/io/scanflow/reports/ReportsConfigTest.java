package io.scanflow.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scanflow.contract.config.EffectiveConfig;
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

  @Test
  void shouldRefuseAZeroRateLimitNamingTheSetting() {
    assertThatThrownBy(
            () ->
                TestConfig.reportsConfig(
                    Map.of("scanflow.reports.rate-limit.requests-per-minute", "0")))
        .isInstanceOf(ConfigValidationException.class)
        .hasMessageContaining("scanflow.reports.rate-limit.requests-per-minute")
        .hasMessageContaining("greater than or equal to 1");
  }

  @Test
  void shouldRefuseAZeroSessionLifetimeNamingTheSetting() {
    assertThatThrownBy(() -> TestConfig.reportsConfig(Map.of("scanflow.reports.session-ttl", "0s")))
        .isInstanceOf(ConfigValidationException.class)
        .hasMessageContaining("scanflow.reports.session-ttl must be positive");
  }

  @Test
  void shouldRefuseAStalenessLimitShorterThanFivePolls() {
    assertThatThrownBy(
            () ->
                TestConfig.reportsConfig(
                    Map.of(
                        "scanflow.registry.poll-interval", "2s",
                        "scanflow.registry.max-staleness", "5s")))
        .isInstanceOf(ConfigValidationException.class)
        .hasMessageContaining(
            "scanflow.registry.max-staleness must be at least 5 times"
                + " scanflow.registry.poll-interval");
  }

  @Test
  void shouldMaskAdminTokenInLoggedConfig() {
    ReportsConfig config = TestConfig.reportsConfig(Map.of());

    String logged =
        new EffectiveConfig()
            .mapping("scanflow", ReportsConfig.class, config)
            .describe("reports-sink");

    assertThat(logged)
        .contains("scanflow.admin-token = " + EffectiveConfig.MASK)
        .contains("scanflow.reports.rate-limit.requests-per-minute = 600")
        .contains("scanflow.reports.session-ttl = PT12H")
        .doesNotContain(TestConfig.ADMIN_TOKEN);
  }

  private static ReportsConfig configWithAdminToken(String token) {
    return TestConfig.reportsConfig(Map.of("scanflow.admin-token", token));
  }
}
