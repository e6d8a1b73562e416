package io.scanflow.ingest.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.scanflow.contract.ContractJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchEnvelopeTest {

  private static List<Problem> problemsOf(String body) throws Exception {
    return BatchEnvelope.events(ContractJson.mapper().readTree(body)).problems();
  }

  @Test
  void shouldRefuseABatchThatIsNotAnObject() throws Exception {
    assertThat(problemsOf("[]"))
        .containsExactly(
            new Problem(List.of("body"), "value is not a valid dict", "type_error.dict"));
  }

  @Test
  void shouldRequireEvents() throws Exception {
    assertThat(problemsOf("{}"))
        .containsExactly(
            new Problem(List.of("body", "events"), "field required", "value_error.missing"));
  }

  @Test
  void shouldRequireEventsToBeAList() throws Exception {
    assertThat(problemsOf("{\"events\": {}}"))
        .containsExactly(
            new Problem(List.of("body", "events"), "value is not a valid list", "type_error.list"));
  }

  @Test
  void shouldRefuseAnEmptyBatch() throws Exception {
    assertThat(problemsOf("{\"events\": []}"))
        .containsExactly(
            new Problem(
                List.of("body", "events"),
                "ensure this value has at least 1 items",
                "value_error.list.min_items"));
  }

  @Test
  void shouldRefuseMoreThan500Events() throws Exception {
    String events = String.join(",", java.util.Collections.nCopies(501, "{}"));

    assertThat(problemsOf("{\"events\": [" + events + "]}"))
        .containsExactly(
            new Problem(
                List.of("body", "events"),
                "ensure this value has at most 500 items",
                "value_error.list.max_items"));
  }

  @Test
  void shouldReturnTheEventsOfAValidEnvelope() throws Exception {
    List<JsonNode> events =
        BatchEnvelope.events(ContractJson.mapper().readTree("{\"events\": [{}, 1]}")).value();

    assertThat(events).hasSize(2);
  }

  @Test
  void shouldRefuseUnstorableTextBesideTheEvents() throws Exception {
    assertThat(problemsOf("{\"events\": [{}], \"note\": [\"\\u0000\"]}"))
        .containsExactly(
            new Problem(
                List.of("body", "note", 0),
                "NUL characters (U+0000) and unpaired surrogates are not allowed",
                "value_error.unstorable_char"));
  }

  @Test
  void shouldRefuseRawEmailsBesideTheEvents() throws Exception {
    assertThat(problemsOf("{\"events\": [{}], \"sent_by\": \"alice%40example.com\"}"))
        .containsExactly(
            new Problem(
                List.of("body", "sent_by"), Problem.RAW_EMAIL_MSG, "value_error.pii.email"));
  }
}
