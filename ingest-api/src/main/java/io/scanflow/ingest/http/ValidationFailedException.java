package io.scanflow.ingest.http;

import io.scanflow.ingest.validation.Problem;
import java.util.List;
import java.util.Map;

/** The body broke the rules: 422 with every problem found. */
public class ValidationFailedException extends ApiException {
  public ValidationFailedException(List<Problem> problems) {
    super(422, List.copyOf(problems), Map.of());
  }
}
