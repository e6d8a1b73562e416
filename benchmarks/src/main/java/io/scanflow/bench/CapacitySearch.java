package io.scanflow.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Steps the rate up until the first step that fails: the capacity is the highest rate that passed
 * before it (none when the first fails). Rates above a failed one are never tried.
 */
final class CapacitySearch {
  /** Runs one step at a rate. */
  interface Step {
    StepFigures run(int rate) throws Exception;
  }

  /** A step's figures and why it failed (empty when it passed). */
  record Judged(StepFigures figures, List<String> failures) {
    boolean passed() {
      return failures.isEmpty();
    }
  }

  /** Every step run, in order; the last one failed unless all rates passed. */
  record Outcome(List<Judged> steps) {
    OptionalInt capacity() {
      return steps.stream().takeWhile(Judged::passed).mapToInt(step -> step.figures().rate()).max();
    }
  }

  private CapacitySearch() {}

  static Outcome run(RateSteps rates, Step step) throws Exception {
    List<Judged> steps = new ArrayList<>();
    for (int rate : rates.all()) {
      StepFigures figures = step.run(rate);
      Judged judged = new Judged(figures, Verdicts.capacity(figures));
      steps.add(judged);
      if (!judged.passed()) {
        break;
      }
    }
    return new Outcome(steps);
  }
}
