package io.scanflow.ingest.validation;

import java.util.List;

/** The outcome of validating a value: the value when there are no problems, else every problem. */
public record Validated<T>(T value, List<Problem> problems) {

  public Validated {
    problems = List.copyOf(problems);
  }

  public static <T> Validated<T> valid(T value) {
    return new Validated<>(value, List.of());
  }

  public static <T> Validated<T> invalid(List<Problem> problems) {
    return new Validated<>(null, problems);
  }

  public boolean isValid() {
    return problems.isEmpty();
  }
}
