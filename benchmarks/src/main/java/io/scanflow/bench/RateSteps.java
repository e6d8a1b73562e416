package io.scanflow.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The rates a capacity run tries, in order: the listed ones, then on from the last by {@code
 * increment} up to {@code max}.
 */
record RateSteps(List<Integer> listed, int increment, int max) {
  RateSteps {
    if (listed.isEmpty()) {
      throw new IllegalArgumentException("at least one rate is needed");
    }
    for (int i = 0; i < listed.size(); i++) {
      if (listed.get(i) < 1 || (i > 0 && listed.get(i) <= listed.get(i - 1))) {
        throw new IllegalArgumentException("rates must be positive and rising: " + listed);
      }
    }
    if (increment < 1) {
      throw new IllegalArgumentException("the increment must be at least 1: " + increment);
    }
    listed = List.copyOf(listed);
  }

  /** Every rate to try, lowest first. */
  List<Integer> all() {
    List<Integer> rates = new ArrayList<>(listed.stream().filter(rate -> rate <= max).toList());
    int last = listed.get(listed.size() - 1);
    for (long next = (long) last + increment; next <= max; next += increment) {
      rates.add((int) next);
    }
    return rates;
  }
}
