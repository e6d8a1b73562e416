package io.scanflow.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** A step's figures for tests: by default a passing 60 s step at the given rate. */
final class StepFiguresBuilder {
  private final int rate;
  private final Map<Integer, Long> statuses = new TreeMap<>();
  private final Map<String, ResourceMonitor.Usage> resources = new LinkedHashMap<>();
  private long sent;
  private long unavailableWithoutRetryAfter;
  private long noAnswer;
  private long lateAnswers;
  private double answerMaxMs = 40;
  private double sendToVisibleP99Ms = 900;
  private long followed = 1200;
  private double lookupsPerSecond = 180;
  private long missing;
  private double sentPerSecond;
  private long lateAtIngest;
  private double maxAtIngestMs = 30;

  private StepFiguresBuilder(int rate) {
    this.rate = rate;
    this.sent = rate * 60L;
    statuses.put(200, sent);
    this.sentPerSecond = rate;
  }

  static StepFiguresBuilder aStep(int rate) {
    return new StepFiguresBuilder(rate);
  }

  /** {@code count} of the sent requests answered {@code status} instead of 200. */
  StepFiguresBuilder answered(int status, long count) {
    statuses.merge(200, -count, Long::sum);
    statuses.merge(status, count, Long::sum);
    return this;
  }

  StepFiguresBuilder withoutRetryAfter(long count) {
    unavailableWithoutRetryAfter = count;
    return this;
  }

  StepFiguresBuilder neverAnswered(long count) {
    statuses.merge(200, -count, Long::sum);
    noAnswer = count;
    return this;
  }

  StepFiguresBuilder late(long count, double slowestMs) {
    lateAnswers = count;
    answerMaxMs = slowestMs;
    return this;
  }

  /** {@code count} answers later than the deadline even from the moment they had a connection. */
  StepFiguresBuilder lateAtIngest(long count, double slowestMs) {
    lateAtIngest = count;
    maxAtIngestMs = slowestMs;
    return this;
  }

  StepFiguresBuilder sendToVisibleP99(double millis) {
    sendToVisibleP99Ms = millis;
    return this;
  }

  StepFiguresBuilder followed(long count) {
    followed = count;
    return this;
  }

  StepFiguresBuilder lookupsPerSecond(double perSecond) {
    lookupsPerSecond = perSecond;
    return this;
  }

  StepFiguresBuilder sentPerSecond(double rate) {
    sentPerSecond = rate;
    return this;
  }

  StepFiguresBuilder missing(long count) {
    missing = count;
    return this;
  }

  StepFiguresBuilder used(String process, Double cpuSeconds, long peakRssMib) {
    resources.put(
        process, new ResourceMonitor.Usage(java.util.Optional.ofNullable(cpuSeconds), peakRssMib));
    return this;
  }

  StepFigures build() {
    return new StepFigures(
        rate,
        sent,
        sentPerSecond,
        statuses,
        unavailableWithoutRetryAfter,
        noAnswer,
        lateAnswers,
        12,
        35,
        answerMaxMs,
        400,
        sendToVisibleP99Ms,
        700,
        followed,
        lookupsPerSecond,
        missing,
        new StepFigures.AtIngest(lateAtIngest, 25, maxAtIngestMs, 10),
        resources);
  }
}
