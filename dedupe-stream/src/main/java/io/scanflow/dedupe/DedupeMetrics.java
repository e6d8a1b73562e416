package io.scanflow.dedupe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counters of dedupe-stream: receipts read, their outcome, and records sent to the DLQ. */
public final class DedupeMetrics {
  private final Counter recordsIn;
  private final Counter unique;
  private final Counter duplicates;
  private final Counter deadLetters;

  public DedupeMetrics(MeterRegistry registry) {
    recordsIn = registry.counter("scanflow.dedupe.records.in");
    unique = registry.counter("scanflow.dedupe.records.out", "outcome", "unique");
    duplicates = registry.counter("scanflow.dedupe.records.out", "outcome", "duplicate");
    deadLetters = registry.counter("scanflow.dedupe.dead.letters");
  }

  void recordIn() {
    recordsIn.increment();
  }

  void unique() {
    unique.increment();
  }

  void duplicate() {
    duplicates.increment();
  }

  void deadLetter() {
    deadLetters.increment();
  }
}
