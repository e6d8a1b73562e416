package io.scanflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ReportsApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldTreatOneRecordPerPartitionAsCaughtUp() throws Exception {
    // given the sink one offset (the transaction marker) short on each of its partitions
    JsonNode pipeline = pipeline(stage("ok", 0, 12), stage("ok", 0, 24), stage("ok", 12, 14));

    // then
    assertThat(ReportsApi.settledLag(pipeline)).isEqualTo(12);
  }

  @Test
  void shouldNotTreatARealBacklogAsCaughtUp() throws Exception {
    JsonNode pipeline = pipeline(stage("ok", 5_000, 12), stage("ok", 0, 24), stage("ok", 12, 14));

    assertThat(ReportsApi.settledLag(pipeline)).isEqualTo(-1);
  }

  @Test
  void shouldCountAGroupWithoutOffsetsAsNothingConsumedYet() throws Exception {
    JsonNode pipeline =
        pipeline(
            "{\"stage\":\"dedupe-stream\",\"status\":\"no_offsets\",\"lag\":null,\"partitions\":0}",
            stage("ok", 0, 14));

    assertThat(ReportsApi.settledLag(pipeline)).isZero();
  }

  @Test
  void shouldSayUnknownWithoutAnAnswer() {
    assertThat(ReportsApi.settledLag(null)).isEqualTo(-1);
  }

  private static String stage(String status, long lag, int partitions) {
    return String.format(
        "{\"stage\":\"s\",\"status\":\"%s\",\"lag\":%d,\"partitions\":%d}",
        status, lag, partitions);
  }

  private static JsonNode pipeline(String... stages) throws Exception {
    return JSON.readTree("{\"stages\":[" + String.join(",", stages) + "]}");
  }
}
