package io.scanflow.reports.db;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class JdbcUrlRequiredTest {

  @Test
  void shouldRefuseAMissingOrBlankJdbcUrlWithAMessageThatSaysWhatToSet() {
    for (Optional<String> url : java.util.List.of(Optional.<String>empty(), Optional.of(" "))) {
      assertThatThrownBy(() -> JdbcUrlRequired.require(url))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("QUARKUS_DATASOURCE_JDBC_URL");
    }
  }

  @Test
  void shouldAcceptAConfiguredJdbcUrl() {
    assertThatCode(() -> JdbcUrlRequired.require(Optional.of("jdbc:postgresql://db:5432/scanflow")))
        .doesNotThrowAnyException();
  }
}
