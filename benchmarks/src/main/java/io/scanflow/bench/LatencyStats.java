package io.scanflow.bench;

import java.util.Arrays;

/** Percentiles of a set of latencies (nearest-rank, in milliseconds), computed once. */
public final class LatencyStats {
  private final double[] sortedMillis;

  private LatencyStats(double[] sortedMillis) {
    this.sortedMillis = sortedMillis;
  }

  /** Statistics of the given latencies in nanoseconds. */
  public static LatencyStats ofNanos(long[] nanos) {
    double[] millis = new double[nanos.length];
    for (int i = 0; i < nanos.length; i++) {
      millis[i] = nanos[i] / 1_000_000.0;
    }
    Arrays.sort(millis);
    return new LatencyStats(millis);
  }

  public int count() {
    return sortedMillis.length;
  }

  /**
   * The nearest-rank percentile: the smallest value with at least {@code p}% of the values at or
   * below it; NaN when there are no values.
   */
  public double percentile(double p) {
    if (p <= 0 || p > 100) {
      throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
    }
    if (sortedMillis.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sortedMillis.length);
    return sortedMillis[Math.max(rank, 1) - 1];
  }

  public double max() {
    return sortedMillis.length == 0 ? Double.NaN : sortedMillis[sortedMillis.length - 1];
  }

  public double mean() {
    return Arrays.stream(sortedMillis).average().orElse(Double.NaN);
  }

  /** {@code p50/p95/p99/max} in whole or fractional milliseconds, for a table cell. */
  public String summary() {
    if (sortedMillis.length == 0) {
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
