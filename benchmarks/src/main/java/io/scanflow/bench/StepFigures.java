package io.scanflow.bench;

import java.util.Map;

/**
 * What one open-loop step at {@code rate} events/s measured, as plain figures (milliseconds,
 * counts): the ingest answers, the latency until visible, the events never visible ({@code
 * missing}), the lookups per second that following events cost, and what each process of the stack
 * spent meanwhile.
 */
record StepFigures(
    int rate,
    long sent,
    double sentPerSecond,
    Map<Integer, Long> statuses,
    long unavailableWithoutRetryAfter,
    long noAnswer,
    long lateAnswers,
    double answerP50Ms,
    double answerP99Ms,
    double answerMaxMs,
    double sendToVisibleP50Ms,
    double sendToVisibleP99Ms,
    double acceptToVisibleP99Ms,
    long followed,
    double lookupsPerSecond,
    long missing,
    AtIngest atIngest,
    Map<String, ResourceMonitor.Usage> resources) {

  /**
   * The answers timed from the moment the runner's pool handed the request a connection, so without
   * any wait in the client: what ingest-api itself took. {@code connectionWaitP99Ms} is the wait
   * before, for a free one of the runner's connections.
   */
  record AtIngest(
      long lateAnswers, double answerP99Ms, double answerMaxMs, double connectionWaitP99Ms) {}

  /**
   * The figures of {@code run}, with {@code visible} of its accepted events seen in the reports.
   */
  static StepFigures of(
      OpenLoop.Result run,
      long visible,
      java.time.Duration answerDeadline,
      Map<String, ResourceMonitor.Usage> resources) {
    return new StepFigures(
        run.plan().ratePerSecond(),
        run.sent(),
        run.sentPerSecond(),
        run.statuses(),
        run.unavailableWithoutRetryAfter(),
        run.noAnswer(),
        run.answers().countAbove(answerDeadline),
        run.answers().percentile(50),
        run.answers().percentile(99),
        run.answers().max(),
        run.sendToVisible().percentile(50),
        run.sendToVisible().percentile(99),
        run.acceptToVisible().percentile(99),
        run.followed(),
        run.lookupsPerSecond(),
        run.missing(visible),
        new AtIngest(
            run.ingestAnswers().countAbove(answerDeadline),
            run.ingestAnswers().percentile(99),
            run.ingestAnswers().max(),
            run.connectionWaits().percentile(99)),
        resources);
  }

  long status(int status) {
    return statuses.getOrDefault(status, 0L);
  }

  long accepted() {
    return status(200);
  }

  /** Answers other than 200 and 503. */
  long otherStatuses() {
    return statuses.values().stream().mapToLong(Long::longValue).sum() - accepted() - status(503);
  }
}
