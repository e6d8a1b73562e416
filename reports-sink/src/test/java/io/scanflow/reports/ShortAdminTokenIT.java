package io.scanflow.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The packaged service refuses to start with a guessable admin token, and says why. */
class ShortAdminTokenIT {
  private static final String SHORT_TOKEN = "changeme-admin-token";

  @Test
  void shouldRefuseToStartWithAnAdminTokenShorterThan32Characters() throws Exception {
    String log =
        RefusedStart.logOf(
            Map.of(
                "SCANFLOW_ADMIN_TOKEN",
                SHORT_TOKEN,
                "QUARKUS_DATASOURCE_JDBC_URL",
                "jdbc:postgresql://127.0.0.1:1/none"));

    assertThat(log)
        .contains("scanflow.admin-token must be a secret of at least 32 characters")
        .doesNotContain(SHORT_TOKEN);
  }
}
