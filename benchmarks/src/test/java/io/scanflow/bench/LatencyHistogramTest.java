package io.scanflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
  private static final long MS = 1_000_000;

  @Test
  void shouldReportPercentilesInMillisecondsWithinTheHistogramsPrecision() {
    // given latencies of 1..100 ms, out of order
    LatencyHistogram latencies = new LatencyHistogram();
    for (long i = 100; i >= 1; i--) {
      latencies.record(i * MS);
    }

    // then: three significant digits, so each figure is within 0.1 %
    assertThat(latencies.count()).isEqualTo(100);
    assertThat(latencies.percentile(50)).isCloseTo(50.0, within(0.05));
    assertThat(latencies.percentile(99)).isCloseTo(99.0, within(0.1));
    assertThat(latencies.percentile(100)).isCloseTo(100.0, within(0.1));
    assertThat(latencies.max()).isCloseTo(100.0, within(0.1));
  }

  @Test
  void shouldTakeTheSlowestValueAsP99OfASmallSample() {
    // given 10 samples, one of them slow: p99 of 10 values is the 10th
    LatencyHistogram latencies = new LatencyHistogram();
    for (int i = 0; i < 9; i++) {
      latencies.record(5 * MS);
    }
    latencies.record(900 * MS);

    assertThat(latencies.percentile(50)).isCloseTo(5.0, within(0.01));
    assertThat(latencies.percentile(99)).isCloseTo(900.0, within(1.0));
  }

  @Test
  void shouldKeepSubMillisecondPrecision() {
    LatencyHistogram latencies = new LatencyHistogram();

    latencies.record(1_500_000);

    assertThat(latencies.percentile(50)).isCloseTo(1.5, within(0.002));
  }

  @Test
  void shouldSayNotAvailableWithoutValues() {
    LatencyHistogram latencies = new LatencyHistogram();

    assertThat(latencies.percentile(99)).isNaN();
    assertThat(latencies.summary()).isEqualTo("n/a");
  }

  @Test
  void shouldRefusePercentilesOutsideTheRange() {
    LatencyHistogram latencies = new LatencyHistogram();
    latencies.record(MS);

    assertThatThrownBy(() -> latencies.percentile(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> latencies.percentile(101))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
