package io.scanflow.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TopicsTest {
  private static final Duration LONGEST_ATTRIBUTION_WINDOW = Duration.ofDays(90);
  private static final Duration LATEST_BACK_DATED_EVENT = Duration.ofDays(7);

  @Test
  void shouldKeepFirstScanRegistrationsUncompactedAsLongAsARetainedEventCanNameThem() {
    Duration eventRetention =
        Duration.ofMillis(Long.parseLong(Topics.SERVER_EVENTS.configs().get("retention.ms")));

    Duration lag =
        Duration.ofMillis(
            Long.parseLong(Topics.SCAN_SESSIONS.configs().get("min.compaction.lag.ms")));

    assertThat(Topics.SCAN_SESSIONS.configs()).containsEntry("cleanup.policy", "compact");
    assertThat(lag)
        .isEqualTo(Topics.SCAN_SESSION_MIN_COMPACTION_LAG)
        .isGreaterThanOrEqualTo(
            LONGEST_ATTRIBUTION_WINDOW.plus(LATEST_BACK_DATED_EVENT).plus(eventRetention));
  }
}
