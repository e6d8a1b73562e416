package io.scanflow.ingest.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonBodyTest {

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
}
