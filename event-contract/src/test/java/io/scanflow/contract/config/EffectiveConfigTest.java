package io.scanflow.contract.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EffectiveConfigTest {
  private static final String TOKEN = "a-very-secret-admin-token-of-40-characters";

  /** A mapping shaped like the services' own: a secret, a group, an optional, a list. */
  interface Settings {
    String adminToken();

    Registry registry();

    Optional<Boolean> enabled();

    List<String> groups();

    interface Registry {
      Duration pollInterval();

      default boolean isFastEnough() {
        return true;
      }
    }
  }

  private static final Settings SETTINGS =
      new Settings() {
        @Override
        public String adminToken() {
          return TOKEN;
        }

        @Override
        public Registry registry() {
          return () -> Duration.ofMillis(200);
        }

        @Override
        public Optional<Boolean> enabled() {
          return Optional.empty();
        }

        @Override
        public List<String> groups() {
          return List.of("dedupe", "attribution");
        }
      };

  @Test
  void shouldMaskAdminTokenInLoggedConfig() {
    String logged =
        new EffectiveConfig().mapping("scanflow", Settings.class, SETTINGS).describe("x");

    assertThat(logged)
        .contains("   scanflow.admin-token = " + EffectiveConfig.MASK)
        .doesNotContain(TOKEN);
  }

  @Test
  void shouldLogEverySettingOfTheMappingByItsConfigName() {
    String logged =
        new EffectiveConfig().mapping("scanflow", Settings.class, SETTINGS).describe("ingest-api");

    assertThat(logged.lines())
        .containsExactly(
            "Starting ingest-api with configuration:",
            "   scanflow.admin-token = " + EffectiveConfig.MASK,
            "   scanflow.enabled = (unset)",
            "   scanflow.groups = dedupe,attribution",
            "   scanflow.registry.poll-interval = PT0.2S");
  }

  @Test
  void shouldMaskPasswordsButKeepTheRestOfAJdbcUrl() {
    String logged =
        new EffectiveConfig()
            .setting("quarkus.datasource.jdbc.url", "jdbc:postgresql://app:s3cret@db:5432/reports")
            .setting(
                "quarkus.datasource.reports.jdbc.url",
                "jdbc:postgresql://db/r?user=app&password=s3cret&ssl=true")
            .setting("quarkus.datasource.password", "s3cret")
            .setting("quarkus.datasource.username", "app")
            .describe("reports-sink");

    assertThat(logged)
        .doesNotContain("s3cret")
        .contains("jdbc:postgresql://app:" + EffectiveConfig.MASK + "@db:5432/reports")
        .contains("?user=app&password=" + EffectiveConfig.MASK + "&ssl=true")
        .contains("quarkus.datasource.password = " + EffectiveConfig.MASK)
        .contains("quarkus.datasource.username = app");
  }

  @Test
  void shouldLeaveAUrlWithoutCredentialsAsItIs() {
    assertThat(EffectiveConfig.masked("kafka.bootstrap.servers", "PLAINTEXT://broker:9092"))
        .isEqualTo("PLAINTEXT://broker:9092");
  }
}
