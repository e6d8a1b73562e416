package io.scanflow.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanflow.contract.ApiKeyHash;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

  @Test
  void shouldGenerateSfLivePlus32Base62Characters() {
    String key = ApiKeys.generate();

    assertThat(key).matches("sf_live_[0-9A-Za-z]{32}");
    assertThat(ApiKeys.hasKeyFormat(key)).isTrue();
    assertThat(ApiKeys.hasKeyFormat(key + "x")).isFalse();
  }

  @Test
  void shouldNeverRepeatAKey() {
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      keys.add(ApiKeys.generate());
    }
    assertThat(keys).hasSize(10_000);
  }

  @Test
  void shouldKeepOnlyAShortPrefix() {
    String key = "sf_live_AbCdEfGhIjKlMnOpQrStUvWxYz012345";

    assertThat(ApiKeys.prefixOf(key)).isEqualTo("sf_live_AbCd");
  }

  @Test
  void shouldHashKeysAsLowerCaseSha256Hex() {
    // echo -n sf_live_test | sha256sum
    assertThat(ApiKeyHash.of("sf_live_test"))
        .matches("[0-9a-f]{64}")
        .isEqualTo(ApiKeyHash.of("sf_live_test"))
        .isNotEqualTo(ApiKeyHash.of("sf_live_tesT"));
  }
}
