package io.scanflow.bench;

import static io.scanflow.bench.StepFiguresBuilder.aStep;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapacitySearchTest {
  private final RateSteps rates = new RateSteps(List.of(1000, 2000, 4000, 6000), 2000, 10000);
  private final List<Integer> tried = new ArrayList<>();

  @Test
  void shouldStopAtTheFirstFailingRateAndReportTheOneBefore() throws Exception {
    // given a stack whose p99 goes over 2 s at 6,000 events/s
    CapacitySearch.Outcome outcome =
        CapacitySearch.run(
            rates,
            rate -> {
              tried.add(rate);
              return aStep(rate).sendToVisibleP99(rate >= 6000 ? 2500 : 800).build();
            });

    // then 8,000 and 10,000 are never tried
    assertThat(tried).containsExactly(1000, 2000, 4000, 6000);
    assertThat(outcome.capacity()).hasValue(4000);
    assertThat(outcome.steps().get(3).failures())
        .containsExactly("send→visible p99 2500 ms > 2000 ms");
  }

  @Test
  void shouldStopAtAStepWithMissingEventsEvenWhenItWasFast() throws Exception {
    CapacitySearch.Outcome outcome =
        CapacitySearch.run(rates, rate -> aStep(rate).missing(rate == 2000 ? 1 : 0).build());

    assertThat(outcome.steps()).hasSize(2);
    assertThat(outcome.capacity()).hasValue(1000);
  }

  @Test
  void shouldHaveNoCapacityWhenTheFirstRateFails() throws Exception {
    CapacitySearch.Outcome outcome =
        CapacitySearch.run(rates, rate -> aStep(rate).answered(503, 10).build());

    assertThat(outcome.steps()).hasSize(1);
    assertThat(outcome.capacity()).isEmpty();
  }

  @Test
  void shouldTryEveryRateWhenAllPass() throws Exception {
    CapacitySearch.Outcome outcome = CapacitySearch.run(rates, rate -> aStep(rate).build());

    assertThat(outcome.steps()).hasSize(6);
    assertThat(outcome.capacity()).hasValue(10000);
  }
}
