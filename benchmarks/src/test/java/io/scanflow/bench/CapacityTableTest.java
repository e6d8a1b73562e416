package io.scanflow.bench;

import static io.scanflow.bench.StepFiguresBuilder.aStep;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CapacityTableTest {

  @Test
  void shouldRenderTheHeadlineAndOneRowPerStep() {
    String markdown = CapacityTable.markdown(outcome(), Optional.empty(), Duration.ofSeconds(5));

    assertThat(markdown)
        .startsWith("**Capacity: 2,000 events/s** (4,000 events/s failed: 1 missing)")
        .contains(
            "| 1,000 | 1,000 | 60,000 | 0 | 0 | 35.0 | 400 | 900 | 700 | 180 | 0 | pass |",
            "| 4,000 | 4,000 | 240,000 | 0 | 0 | 35.0 | 400 | 900 | 700 | 180 | 1 | FAIL |");
  }

  @Test
  void shouldShowWhatFollowingTheEventsCostInLookupsPerSecond() {
    CapacitySearch.Outcome outcome =
        new CapacitySearch.Outcome(List.of(judged(aStep(8000).lookupsPerSecond(1234.4).build())));

    String markdown = CapacityTable.markdown(outcome, Optional.empty(), Duration.ofSeconds(5));

    assertThat(markdown)
        .contains("| 200→visible p99 (ms) | lookups/s | missing |")
        .contains("| 700 | 1,234 | 0 | pass |");
  }

  @Test
  void shouldRenderCpuPerTenThousandEventsAndPeakMemoryPerProcess() {
    String markdown = CapacityTable.markdown(outcome(), Optional.empty(), Duration.ofSeconds(5));

    // 1,000 events/s for 60 s: 60,000 events; 30 s of CPU is 5.00 s per 10,000
    assertThat(markdown)
        .contains("| rate (events/s) | ingest-api | postgres |")
        .contains("| 1,000 | 5.00 | n/a |")
        .contains("| 1,000 | 250 | 40 |");
  }

  @Test
  void shouldRenderTheOverloadAnswersWithTheirVerdict() {
    StepFigures figures = aStep(3000).answered(503, 500).withoutRetryAfter(2).build();
    CapacitySearch.Judged overload =
        new CapacitySearch.Judged(figures, Verdicts.overload(figures, Duration.ofSeconds(5)));

    String markdown =
        CapacityTable.markdown(outcome(), Optional.of(overload), Duration.ofSeconds(5));

    assertThat(markdown)
        .contains("Overload at 3,000 events/s (1.5 × capacity)")
        .contains(
            "| 180,000 | 179,500 | 498 | 2 | 0 | 0 | 0 | 12.0 / 35.0 / 40.0 | 0 |"
                + " FAIL: 2 503 without Retry-After |");
  }

  @Test
  void shouldSayWhenTheFirstRateAlreadyFailed() {
    CapacitySearch.Outcome outcome =
        new CapacitySearch.Outcome(List.of(judged(aStep(1000).sendToVisibleP99(2500).build())));

    assertThat(CapacityTable.headline(outcome))
        .isEqualTo(
            "**Capacity: below 1,000 events/s** (1,000 events/s failed: send→visible p99 2500 ms"
                + " > 2000 ms)");
  }

  private static CapacitySearch.Outcome outcome() {
    return new CapacitySearch.Outcome(
        List.of(
            judged(aStep(1000).used("ingest-api", 30.0, 250).used("postgres", null, 40).build()),
            judged(aStep(2000).used("ingest-api", 50.0, 260).used("postgres", 5.0, 41).build()),
            judged(
                aStep(4000)
                    .missing(1)
                    .used("ingest-api", 90.0, 300)
                    .used("postgres", 9.0, 45)
                    .build())));
  }

  private static CapacitySearch.Judged judged(StepFigures figures) {
    return new CapacitySearch.Judged(figures, Verdicts.capacity(figures));
  }
}
