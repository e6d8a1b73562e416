package io.scanflow.ingest.rejection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.scanflow.ingest.validation.JsonBody;
import io.scanflow.ingest.validation.Loc;
import io.scanflow.ingest.validation.Problem;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RejectionDetailTest {

  @Test
  void shouldKeepFieldPathsFixedMessagesAndTypes() {
    Problem problem = Problem.numberBounds(Loc.body().field("properties").field("n").index(0));

    JsonNode detail = RejectionDetail.of(List.of(problem));

    assertThat(detail.toString())
        .isEqualTo(
            "[{\"loc\":[\"body\",\"properties\",\"n\",0],\"msg\":\""
                + problem.msg()
                + "\",\"type\":\"value_error.number.bounds\"}]");
  }

  @Test
  void shouldReplaceAParserMessageThatQuotesTheBody() {
    List<Problem> problems =
        JsonBody.parse("{\"a\": secretToken}".getBytes(StandardCharsets.UTF_8)).problems();
    assertThat(problems.get(0).msg()).contains("secretToken");

    JsonNode detail = RejectionDetail.of(problems);

    assertThat(detail.toString()).doesNotContain("secretToken");
    assertThat(detail.get(0).get("msg").asText()).isEqualTo(RejectionDetail.JSON_SYNTAX_MSG);
  }

  @Test
  void shouldKeepAMessageDetailAsTextCutToABoundedLength() {
    assertThat(RejectionDetail.of("Request body exceeds 65536 bytes").asText())
        .isEqualTo("Request body exceeds 65536 bytes");
    assertThat(RejectionDetail.of("x".repeat(10_000)).asText()).hasSize(256);
  }

  @Test
  void shouldCutAVeryLongPropertyNameInALoc() {
    Problem problem = Problem.numberBounds(Loc.body().field("properties").field("k".repeat(5000)));

    JsonNode detail = RejectionDetail.of(List.of(problem));

    assertThat(detail.get(0).get("loc").get(2).asText()).hasSize(256);
  }
}
