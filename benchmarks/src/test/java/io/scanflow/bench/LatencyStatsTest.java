package io.scanflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {
  private static final long MS = 1_000_000;

  @Test
  void shouldReportNearestRankPercentilesInMilliseconds() {
    // given latencies of 1..100 ms, out of order
    long[] nanos = LongStream.rangeClosed(1, 100).map(i -> (101 - i) * MS).toArray();

    // when
    LatencyStats stats = LatencyStats.ofNanos(nanos);

    // then
    assertThat(stats.count()).isEqualTo(100);
    assertThat(stats.percentile(50)).isEqualTo(50.0);
    assertThat(stats.percentile(95)).isEqualTo(95.0);
    assertThat(stats.percentile(99)).isEqualTo(99.0);
    assertThat(stats.percentile(100)).isEqualTo(100.0);
    assertThat(stats.max()).isEqualTo(100.0);
  }

  @Test
  void shouldTakeTheSlowestValueAsP99OfASmallSample() {
    // given 10 samples, one of them slow: p99 of 10 values is the 10th
    long[] nanos = {
      5 * MS, 5 * MS, 5 * MS, 5 * MS, 5 * MS, 5 * MS, 5 * MS, 5 * MS, 5 * MS, 900 * MS
    };

    // when
    LatencyStats stats = LatencyStats.ofNanos(nanos);

    // then
    assertThat(stats.percentile(50)).isEqualTo(5.0);
    assertThat(stats.percentile(99)).isEqualTo(900.0);
  }

  @Test
  void shouldKeepSubMillisecondPrecision() {
    assertThat(LatencyStats.ofNanos(new long[] {1_500_000}).percentile(50)).isEqualTo(1.5);
  }

  @Test
  void shouldSayNotAvailableWithoutValues() {
    LatencyStats stats = LatencyStats.ofNanos(new long[0]);

    assertThat(stats.percentile(99)).isNaN();
    assertThat(stats.summary()).isEqualTo("n/a");
  }

  @Test
  void shouldRefusePercentilesOutsideTheRange() {
    LatencyStats stats = LatencyStats.ofNanos(new long[] {MS});

    assertThatThrownBy(() -> stats.percentile(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> stats.percentile(101)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldStopRecordingAtCapacity() {
    LatencyRecorder recorder = new LatencyRecorder(3);

    for (int i = 1; i <= 5; i++) {
      recorder.record(i * MS);
    }

    assertThat(recorder.stats().count()).isEqualTo(3);
    assertThat(recorder.stats().max()).isEqualTo(3.0);
  }
}
