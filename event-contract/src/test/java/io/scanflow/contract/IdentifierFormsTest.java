package io.scanflow.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written checks of a UUID and a hash accept exactly what the schema's patterns do. */
class IdentifierFormsTest {
  private static final Pattern UUID =
      Pattern.compile(
          "\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
  private static final String HEX64 =
      "b4c9a289323b21a01c3e940f150eb9b8c542587f1abfd8f0e1cc1ffc5e475514";

  private static final List<String> CANDIDATES =
      List.of(
          "0f8fad5b-d9cb-469f-a165-70867728950e",
          "0F8FAD5B-D9CB-469F-A165-70867728950E",
          "0f8fad5b-d9cb-469f-a165-70867728950",
          "0f8fad5b-d9cb-469f-a165-70867728950e0",
          "0f8fad5bd-9cb-469f-a165-70867728950e",
          "0f8fad5b-d9cb-469f-a165_70867728950e",
          "0g8fad5b-d9cb-469f-a165-70867728950e",
          "０f8fad5b-d9cb-469f-a165-70867728950e",
          "٠f8fad5b-d9cb-469f-a165-70867728950e",
          "",
          HEX64,
          HEX64.toUpperCase(),
          HEX64.substring(1),
          HEX64 + "0",
          HEX64.substring(0, 63) + "g",
          HEX64.substring(0, 63) + "٠",
          HEX64.substring(0, 63) + "\uD83D");

  @Test
  void shouldAcceptAUuidExactlyWhenTheSchemaPatternDoes() {
    for (String candidate : CANDIDATES) {
      assertThat(SchemaRules.isUuid(candidate))
          .as(candidate)
          .isEqualTo(UUID.matcher(candidate).matches());
    }
  }

  @Test
  void shouldAcceptAHashExactlyWhenTheSchemaPatternDoes() {
    for (String candidate : CANDIDATES) {
      assertThat(UserIdentifiers.isHash(candidate))
          .as(candidate)
          .isEqualTo(HASH.matcher(candidate).matches());
    }
  }
}
