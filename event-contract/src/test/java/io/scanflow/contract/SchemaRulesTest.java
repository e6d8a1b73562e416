package io.scanflow.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written checks against the regular expressions of the schema they stand for. */
class SchemaRulesTest {
  private static final Pattern UUID_PATTERN =
      Pattern.compile(
          "\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");
  private static final Pattern SHA_256_HEX = Pattern.compile("[0-9a-f]{64}");

  /** Characters near the edges of the hex ranges, and some that only look like them. */
  private static final String ALPHABET = "0123456789abcdefABCDEF-gG/:@`xz \u0660\uFF10\uFF41\u00e9";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "123e4567-e89b-12d3-a456-426614174000",
        "123E4567-E89B-12D3-A456-426614174000",
        "123e4567-e89b-12d3-a456-42661417400",
        "123e4567-e89b-12d3-a456-4266141740000",
        "123e4567e89b-12d3-a456-426614174000-",
        "123e4567-e89b-12d3-a456_426614174000",
        "g23e4567-e89b-12d3-a456-426614174000",
        "123e4567-e89b-12d3-a456-42661417400\u0660",
        "",
        "------------------------------------"
      })
  void shouldReadUuidsAsTheSchemaPatternDoes(String value) {
    assertThat(SchemaRules.isUuid(value)).isEqualTo(UUID_PATTERN.matcher(value).matches());
  }

  @Test
  void shouldAgreeWithTheUuidPatternOnManyNearMisses() {
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      String value = mutated(UUID.randomUUID().toString(), random);
      assertThat(SchemaRules.isUuid(value))
          .as(value)
          .isEqualTo(UUID_PATTERN.matcher(value).matches());
    }
  }

  @Test
  void shouldAgreeWithTheHashPatternOnManyNearMisses() {
    Random random = new Random(11);
    for (int i = 0; i < 20_000; i++) {
      String value = mutated(randomHex(random), random);
      assertThat(UserIdentifiers.isHash(value))
          .as(value)
          .isEqualTo(SHA_256_HEX.matcher(value).matches());
    }
  }

  @Test
  void shouldNameTheHashRuleAsThePatternDid() {
    List<String> found = new ArrayList<>();
    new UserIdentifiers("ABC", "a".repeat(64)).addViolations(found, "user_identifiers");
    assertThat(found).containsExactly("user_identifiers.email_hash must match [0-9a-f]{64}");
  }

  private static String randomHex(Random random) {
    StringBuilder hex = new StringBuilder();
    for (int i = 0; i < 64; i++) {
      hex.append("0123456789abcdef".charAt(random.nextInt(16)));
    }
    return hex.toString();
  }

  /** {@code value} as is, or with a character replaced, inserted or removed. */
  private static String mutated(String value, Random random) {
    StringBuilder text = new StringBuilder(value);
    int at = random.nextInt(text.length());
    char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
    switch (random.nextInt(4)) {
      case 0 -> text.setCharAt(at, c);
      case 1 -> text.insert(at, c);
      case 2 -> text.deleteCharAt(at);
      default -> {}
    }
    return text.toString();
  }
}
