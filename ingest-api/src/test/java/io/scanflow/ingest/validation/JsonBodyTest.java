package io.scanflow.ingest.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBodyTest {
  private static final String TYPE = "value_error.jsondecode";

  private static Problem onlyProblem(String body) {
    return onlyProblem(body.getBytes(StandardCharsets.UTF_8));
  }

  private static Problem onlyProblem(byte[] body) {
    Validated<?> result = JsonBody.parse(body);
    assertThat(result.problems()).hasSize(1);
    return result.problems().get(0);
  }

  @Test
  void shouldLocateASyntaxErrorAtItsCharacterOffset() {
    Problem problem = onlyProblem("{\"site_id\": \"a\",, }");

    assertThat(problem.type()).isEqualTo("value_error.jsondecode");
    assertThat(problem.loc()).containsExactly("body", 16);
    assertThat(problem.msg()).isNotBlank().doesNotContain("Source:");
  }

  @Test
  void shouldCountCharactersNotBytesInTheOffset() {
    // "ü" is two bytes in UTF-8 but one character.
    Problem problem = onlyProblem("{\"ü\": x}");

    assertThat(problem.loc()).containsExactly("body", 6);
  }

  @Test
  void shouldRefuseTrailingGarbage() {
    assertThat(onlyProblem("{} {}").type()).isEqualTo("value_error.jsondecode");
  }

  @Test
  void shouldRefuseAnEmptyBody() {
    Problem problem = onlyProblem("");

    assertThat(problem.type()).isEqualTo("value_error.jsondecode");
    assertThat(problem.loc()).containsExactly("body", 0);
  }

  @Test
  void shouldRefuseInvalidUtf8() {
    Problem problem = onlyProblem(new byte[] {'{', '"', (byte) 0xC3, '"', '}'});

    assertThat(problem.type()).isEqualTo("value_error.jsondecode");
    assertThat(problem.loc()).isEqualTo(List.of("body", 2));
  }

  @Test
  void shouldParseFormEncodedLookingButJsonBodies() {
    Validated<?> result = JsonBody.parse("{\"a\": 1.10}".getBytes(StandardCharsets.UTF_8));

    assertThat(result.isValid()).isTrue();
    assertThat(result.value().toString()).isEqualTo("{\"a\":1.10}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e9999999999", "-1.5e-2147483649", "0.0e-2147483647"})
  void shouldRefuseANumberBigDecimalCannotHoldAtItsOffset(String number) {
    Problem problem = onlyProblem("{\"a\": " + number + "}");

    assertThat(problem).isEqualTo(new Problem(List.of("body", 6), "Number out of range", TYPE));
  }

  @Test
  void shouldRefuseANumberLiteralOver1000Characters() {
    assertThat(onlyProblem("{\"a\": " + "9".repeat(1001) + "}").type()).isEqualTo(TYPE);
  }

  @Test
  void shouldRefuseNestingDeeperThan1000() {
    assertThat(onlyProblem("[".repeat(1001) + "]".repeat(1001)).type()).isEqualTo(TYPE);
  }

  @Test
  void shouldReadAHugeExponentExactlyAndQuickly() {
    Validated<?> result = JsonBody.parse("{\"a\": 1e999999999}".getBytes(StandardCharsets.UTF_8));

    assertThat(result.value().toString()).isEqualTo("{\"a\":1E+999999999}");
  }

  @Test
  void shouldNeverEchoUnstorableTextInAProblem() {
    Problem problem =
        new Problem(Loc.body().field("a\u0000").index(2), "near \ud83d", "value_error.x");

    assertThat(problem.loc()).containsExactly("body", "a\uFFFD", 2);
    assertThat(problem.msg()).isEqualTo("near \uFFFD");
  }
}
