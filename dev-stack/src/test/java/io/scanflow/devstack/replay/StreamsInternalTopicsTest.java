package io.scanflow.devstack.replay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamsInternalTopicsTest {

  @Test
  void shouldTreatChangelogAndRepartitionTopicsOfTheAppAsInternal() {
    String app = "scanflow-dedupe-stream";

    assertThat(StreamsInternalTopics.isInternal(app, app + "-seen-event-ids-changelog")).isTrue();
    assertThat(StreamsInternalTopics.isInternal(app, app + "-KSTREAM-MAP-0000-repartition"))
        .isTrue();
  }

  @Test
  void shouldNeverTreatPipelineTopicsOrOtherAppsTopicsAsInternal() {
    String app = "scanflow-dedupe-stream";

    assertThat(StreamsInternalTopics.isInternal(app, "server-events-unique")).isFalse();
    assertThat(
            StreamsInternalTopics.isInternal(app, "scanflow-attribution-stream-pending-changelog"))
        .isFalse();
  }
}
