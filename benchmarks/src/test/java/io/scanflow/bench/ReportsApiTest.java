package io.scanflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ReportsApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldSumTheLagOfEveryStage() throws Exception {
    JsonNode pipeline =
        pipeline(stage("lagging", 5_000, 12), stage("ok", 0, 24), stage("lagging", 12, 14));

    assertThat(ReportsApi.totalLag(pipeline)).isEqualTo(5_012);
  }

  @Test
  void shouldShowZeroForACaughtUpPipeline() throws Exception {
    JsonNode pipeline = pipeline(stage("ok", 0, 12), stage("ok", 0, 24), stage("ok", 0, 14));

    assertThat(ReportsApi.totalLag(pipeline)).isZero();
  }

  @Test
  void shouldCountAGroupWithoutOffsetsAsNothingConsumedYet() throws Exception {
    JsonNode pipeline =
        pipeline(
            "{\"stage\":\"dedupe-stream\",\"status\":\"no_offsets\",\"lag\":null,\"partitions\":0}",
            stage("ok", 0, 14));

    assertThat(ReportsApi.totalLag(pipeline)).isZero();
  }

  @Test
  void shouldSayUnknownWhenAStagesLagIsUnavailable() throws Exception {
    JsonNode pipeline =
        pipeline(
            "{\"stage\":\"reports-sink\",\"status\":\"unavailable\",\"lag\":null,\"partitions\":0}",
            stage("ok", 0, 14));

    assertThat(ReportsApi.totalLag(pipeline)).isEqualTo(-1);
  }

  @Test
  void shouldSayUnknownWithoutAnAnswer() {
    assertThat(ReportsApi.totalLag(null)).isEqualTo(-1);
  }

  @Test
  void shouldCountAnEventAsVisibleOnlyOnceItsTraceSaysStored() {
    assertThat(ReportsApi.stored(200, trace("stored"))).isTrue();
    assertThat(ReportsApi.stored(200, trace("pending"))).isFalse();
  }

  @Test
  void shouldNotCountANotFoundAnotherStatusOrABodyThatIsNoTrace() {
    assertThat(ReportsApi.stored(404, "{\"title\":\"Event not (yet) in the reports\"}")).isFalse();
    assertThat(ReportsApi.stored(429, trace("stored"))).isFalse();
    assertThat(ReportsApi.stored(200, "<html>proxy</html>")).isFalse();
    assertThat(ReportsApi.stored(200, "")).isFalse();
  }

  /** The fields of a reports-sink EventTrace that matter here. */
  private static String trace(String stage) {
    return "{\"site_id\":\"demo\",\"event_id\":\"e-1\",\"stage\":\""
        + stage
        + "\",\"pending_until\":null,\"duplicates\":[],\"test\":false}";
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
