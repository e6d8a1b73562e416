package io.scanflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StackProcessesTest {

  @Test
  void shouldReadNamesAndPidsFromTheSupervisorsStatusInItsOrder() throws Exception {
    String body =
        "{\"processes\":["
            + "{\"name\":\"kafka\",\"pid\":101,\"state\":\"running\",\"restarts\":0},"
            + "{\"name\":\"postgres\",\"pid\":102,\"state\":\"running\",\"restarts\":0},"
            + "{\"name\":\"ingest-api\",\"pid\":-1,\"state\":\"restarting\",\"restarts\":1},"
            + "{\"name\":\"reports-sink\",\"pid\":104,\"state\":\"running\",\"restarts\":0}]}";

    assertThat(StackProcesses.parseStatus(body))
        .containsExactly(
            org.assertj.core.api.Assertions.entry("kafka", 101L),
            org.assertj.core.api.Assertions.entry("postgres", 102L),
            org.assertj.core.api.Assertions.entry("reports-sink", 104L));
  }
}
