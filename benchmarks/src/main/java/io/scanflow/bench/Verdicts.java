package io.scanflow.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The rules a step is judged by; each returns why it failed, empty when it passed. */
final class Verdicts {
  /** pipeline.md section 7: p99 from sending the request to visible in the reports API. */
  static final double VISIBLE_P99_TARGET_MS = 2_000;

  /** Below this share of the target rate the runner, not the stack, set the pace. */
  static final double RUNNER_KEPT_UP = 0.95;

  private Verdicts() {}

  /**
   * A capacity step passes when the runner kept the rate, every request was answered 200, nothing
   * accepted went missing, and the p99 from the scheduled send to visible is at most 2 s.
   */
  static List<String> capacity(StepFigures step) {
    List<String> failures = new ArrayList<>();
    if (step.sentPerSecond() < RUNNER_KEPT_UP * step.rate()) {
      failures.add(
          String.format(
              "the runner sent only %s of %s events/s (it was the limit, not the stack)",
              Format.rate(step.sentPerSecond()), Format.rate(step.rate())));
    }
    if (step.followed() == 0) {
      failures.add("no event followed");
    } else if (!(step.sendToVisibleP99Ms() <= VISIBLE_P99_TARGET_MS)) {
      failures.add(
          "send→visible p99 " + Format.millis(step.sendToVisibleP99Ms()) + " ms > 2000 ms");
    }
    if (step.missing() > 0) {
      failures.add(step.missing() + " missing");
    }
    long notAccepted = step.sent() - step.accepted();
    if (notAccepted > 0) {
      failures.add(
          String.format(
              "%d not answered 200 (503: %d, other: %d, no answer: %d)",
              notAccepted, step.status(503), step.otherStatuses(), step.noAnswer()));
    }
    return failures;
  }

  /**
   * Above capacity ingest must stay honest: only 200 or 503 with {@code Retry-After}, every answer
   * within {@code deadline}, never a hang (no answer within the client's timeout) or a 500.
   */
  static List<String> overload(StepFigures step, Duration deadline) {
    List<String> failures = answerFailures(step);
    if (step.lateAnswers() > 0) {
      failures.add(
          String.format(
              "%d answered after the %d ms deadline (slowest %s ms)",
              step.lateAnswers(), deadline.toMillis(), Format.millis(step.answerMaxMs())));
    }
    return failures;
  }

  /**
   * What fails an overload step whenever it came: a status but 200 or 503, no Retry-After, none.
   */
  private static List<String> answerFailures(StepFigures step) {
    List<String> failures = new ArrayList<>();
    step.statuses()
        .forEach(
            (status, count) -> {
              if (status != 200 && status != 503) {
                failures.add(count + " answered " + status);
              }
            });
    if (step.unavailableWithoutRetryAfter() > 0) {
      failures.add(step.unavailableWithoutRetryAfter() + " 503 without Retry-After");
    }
    if (step.noAnswer() > 0) {
      failures.add(step.noAnswer() + " never answered (hang or connection failure)");
    }
    return failures;
  }

  /**
   * The same judgement on ingest-api's own answers, timed from the moment a request had a
   * connection: whether ingest kept its deadline, whatever the client's pool made requests wait.
   */
  static List<String> overloadAtIngest(StepFigures step, Duration deadline) {
    List<String> failures = answerFailures(step);
    StepFigures.AtIngest atIngest = step.atIngest();
    if (atIngest.lateAnswers() > 0) {
      failures.add(
          String.format(
              "%d answered more than %d ms after they were sent on a connection (slowest %s ms)",
              atIngest.lateAnswers(), deadline.toMillis(), Format.millis(atIngest.answerMaxMs())));
    }
    return failures;
  }
}
