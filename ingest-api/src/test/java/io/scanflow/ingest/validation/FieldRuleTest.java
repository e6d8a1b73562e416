package io.scanflow.ingest.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.scanflow.contract.ContractJson;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A field rule says at its call site what {@link FieldReader} checks. */
class FieldRuleTest {

  @Test
  void shouldReadAnAbsentOptionalFieldAsNullWithoutAProblem() {
    List<Problem> problems = new ArrayList<>();

    String value = reader("{}", problems).string(FieldRule.optional("campaign").length(1, 8));

    assertThat(value).isNull();
    assertThat(problems).isEmpty();
  }

  @Test
  void shouldReportAnAbsentRequiredField() {
    List<Problem> problems = new ArrayList<>();

    reader("{}", problems).string(FieldRule.optional("name").asRequired());

    assertThat(problems).extracting(Problem::type).containsExactly("value_error.missing");
  }

  @Test
  void shouldCountTheLengthInCodePoints() {
    List<Problem> problems = new ArrayList<>();
    FieldRule twoCharacters = FieldRule.required("name").length(1, 2);

    String value =
        reader("{\"name\": \"\uD83D\uDE00\uD83D\uDE00\"}", problems).string(twoCharacters);

    assertThat(value).isEqualTo("\uD83D\uDE00\uD83D\uDE00");
    assertThat(problems).isEmpty();
  }

  @Test
  void shouldRefuseAControlCharacterOnlyWhereTheRuleAsksForAPlainLine() {
    List<Problem> problems = new ArrayList<>();
    FieldReader fields = reader("{\"a\": \"x\\ny\", \"b\": \"x\\ny\"}", problems);

    fields.string(FieldRule.required("a"));
    fields.string(FieldRule.required("b").plainLine());

    assertThat(problems)
        .extracting(problem -> problem.loc().get(problem.loc().size() - 1), Problem::type)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("b", "value_error.control_char"));
  }

  @Test
  void shouldBoundAWholeNumberByTheRange() {
    List<Problem> problems = new ArrayList<>();

    reader("{\"days\": 91}", problems).integer(FieldRule.optional("days").range(1, 90));

    assertThat(problems)
        .extracting(Problem::msg)
        .containsExactly("ensure this value is less than or equal to 90");
  }

  @Test
  void shouldRefuseARuleWhoseMinimumExceedsItsMaximum() {
    assertThatThrownBy(() -> FieldRule.required("name").length(5, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name");
  }

  private static FieldReader reader(String json, List<Problem> problems) {
    try {
      JsonNode node = ContractJson.mapper().readTree(json);
      return new FieldReader(node, Loc.body(), problems);
    } catch (Exception e) {
      throw new IllegalArgumentException(json, e);
    }
  }
}
