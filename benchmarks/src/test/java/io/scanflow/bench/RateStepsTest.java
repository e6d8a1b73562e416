package io.scanflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RateStepsTest {

  @Test
  void shouldTryTheListedRatesThenGoOnByTheIncrementUpToTheMaximum() {
    RateSteps steps = new RateSteps(List.of(1000, 2000, 4000), 2000, 9000);

    assertThat(steps.all()).containsExactly(1000, 2000, 4000, 6000, 8000);
  }

  @Test
  void shouldLeaveOutListedRatesAboveTheMaximum() {
    assertThat(new RateSteps(List.of(1000, 2000, 4000), 2000, 2000).all())
        .containsExactly(1000, 2000);
  }

  @Test
  void shouldRefuseRatesThatDoNotRise() {
    assertThatThrownBy(() -> new RateSteps(List.of(2000, 2000), 1000, 9000))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateSteps(List.of(0, 1000), 1000, 9000))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateSteps(List.of(), 1000, 9000))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateSteps(List.of(1000), 0, 9000))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
