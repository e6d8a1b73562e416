package io.scanflow.bench;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * Latencies recorded from several event-loop threads into an HdrHistogram (microseconds, three
 * significant digits), read as percentiles in milliseconds. Keeps no sample, so a million-request
 * run costs the same memory as a hundred-request one.
 */
public final class LatencyHistogram {
  private final ConcurrentHistogram micros = new ConcurrentHistogram(3);

  /** Records one latency; a negative one (a clock step) counts as zero. */
  public void record(long latencyNanos) {
    micros.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(latencyNanos)));
  }

  public long count() {
    return micros.getTotalCount();
  }

  /**
   * The value at or below which {@code p}% of the latencies lie, in milliseconds (within the
   * histogram's 0.1 % precision); NaN when nothing was recorded.
   */
  public double percentile(double p) {
    if (p <= 0 || p > 100) {
      throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
    }
    return count() == 0 ? Double.NaN : micros.getValueAtPercentile(p) / 1_000.0;
  }

  /** How many latencies were above {@code limit}. */
  public long countAbove(java.time.Duration limit) {
    long limitMicros = limit.toNanos() / 1_000;
    return count() == 0 || micros.getMaxValue() <= limitMicros
        ? 0
        : micros.getCountBetweenValues(limitMicros + 1, micros.getMaxValue());
  }

  public double max() {
    return count() == 0 ? Double.NaN : micros.getMaxValue() / 1_000.0;
  }

  /** {@code p50/p95/p99/max} in whole or fractional milliseconds, for a table cell. */
  public String summary() {
    if (count() == 0) {
      return "n/a";
    }
    return String.format(
        "p50 %s / p95 %s / p99 %s / max %s ms",
        Format.millis(percentile(50)),
        Format.millis(percentile(95)),
        Format.millis(percentile(99)),
        Format.millis(max()));
  }
}
