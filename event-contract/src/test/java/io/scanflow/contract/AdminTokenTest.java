package io.scanflow.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AdminTokenTest {
  private static final String TOKEN = "sf_admin_0123456789abcdefghijklmnopqrstuv";

  @Test
  void shouldAcceptOnlyTheExactToken() {
    AdminToken token = AdminToken.of(TOKEN);

    assertThat(token.matches(TOKEN)).isTrue();
    assertThat(token.matches(" " + TOKEN + "\n")).as("surrounding whitespace").isTrue();
    assertThat(token.matches(TOKEN.substring(1))).isFalse();
    assertThat(token.matches(TOKEN + "x")).isFalse();
    assertThat(token.matches("")).isFalse();
    assertThat(token.matches(null)).isFalse();
  }

  @Test
  void shouldAcceptOnlyABearerHeaderWithTheToken() {
    AdminToken token = AdminToken.of(TOKEN);

    assertThat(token.acceptsBearer("Bearer " + TOKEN)).isTrue();
    assertThat(token.acceptsBearer("bearer " + TOKEN)).as("scheme is case-insensitive").isTrue();
    assertThat(token.acceptsBearer(TOKEN)).as("no scheme").isFalse();
    assertThat(token.acceptsBearer("Basic " + TOKEN)).isFalse();
    assertThat(token.acceptsBearer("Bearer " + TOKEN.toUpperCase())).isFalse();
    assertThat(token.acceptsBearer("Bearer")).isFalse();
    assertThat(token.acceptsBearer(null)).isFalse();
  }

  @Test
  void shouldRefuseMissingBlankShortOrSpacedTokensNamingTheSettingButNotTheValue() {
    String short31 = "a".repeat(AdminToken.MIN_LENGTH - 1);
    String spaced = "a".repeat(20) + " " + "b".repeat(20);
    for (String bad : new String[] {null, "", " ".repeat(40), short31, spaced}) {
      assertThatThrownBy(() -> AdminToken.of(bad))
          .as(String.valueOf(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("scanflow.admin-token")
          .hasMessageContaining("at least 32 characters");
    }
    assertThatThrownBy(() -> AdminToken.of(short31)).message().doesNotContain(short31);
  }

  @Test
  void shouldAcceptATokenOfExactlyTheMinimumLength() {
    String token = "x".repeat(AdminToken.MIN_LENGTH);

    assertThat(AdminToken.isAcceptable(token)).isTrue();
    assertThat(AdminToken.of(token).matches(token)).isTrue();
  }

  @Test
  void shouldNeverShowTheTokenInItsText() {
    assertThat(AdminToken.of(TOKEN).toString()).doesNotContain(TOKEN).doesNotContain("sf_admin");
  }
}
