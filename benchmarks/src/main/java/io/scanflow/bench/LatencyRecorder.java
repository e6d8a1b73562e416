package io.scanflow.bench;

import java.util.Arrays;

/** Collects latencies from several event-loop threads, up to a fixed capacity. */
final class LatencyRecorder {
  private long[] nanos = new long[1024];
  private int size;
  private final int capacity;

  LatencyRecorder(int capacity) {
    this.capacity = capacity;
  }

  synchronized void record(long latencyNanos) {
    if (size == capacity) {
      return;
    }
    if (size == nanos.length) {
      nanos = Arrays.copyOf(nanos, Math.min(capacity, nanos.length * 2));
    }
    nanos[size++] = latencyNanos;
  }

  synchronized LatencyStats stats() {
    return LatencyStats.ofNanos(Arrays.copyOf(nanos, size));
  }
}
