package io.scanflow.bench;

import static io.scanflow.bench.StepFiguresBuilder.aStep;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class VerdictsTest {
  private static final Duration DEADLINE = Duration.ofSeconds(5);

  @Test
  void shouldPassACapacityStepAtExactlyTwoSeconds() {
    assertThat(Verdicts.capacity(aStep(4000).sendToVisibleP99(2000).build())).isEmpty();
  }

  @Test
  void shouldFailACapacityStepForEachBrokenRule() {
    StepFigures step =
        aStep(8000).sendToVisibleP99(2001).missing(3).answered(503, 40).neverAnswered(2).build();

    assertThat(Verdicts.capacity(step))
        .containsExactly(
            "send→visible p99 2001 ms > 2000 ms",
            "3 missing",
            "42 not answered 200 (503: 40, other: 0, no answer: 2)");
  }

  @Test
  void shouldFailAStepWhereTheRunnerCouldNotKeepTheRate() {
    assertThat(Verdicts.capacity(aStep(10000).sentPerSecond(9400).build()))
        .containsExactly(
            "the runner sent only 9,400 of 10,000 events/s (it was the limit, not the stack)");
    assertThat(Verdicts.capacity(aStep(10000).sentPerSecond(9600).build())).isEmpty();
  }

  @Test
  void shouldNotPassACapacityStepThatFollowedNothing() {
    assertThat(Verdicts.capacity(aStep(1000).followed(0).build()))
        .containsExactly("no event followed");
  }

  @Test
  void shouldCallOverloadHonestWhenEveryAnswerIsA200OrA503WithRetryAfterInTime() {
    StepFigures step = aStep(12000).answered(503, 5000).sendToVisibleP99(30_000).build();

    assertThat(Verdicts.overload(step, DEADLINE)).isEmpty();
  }

  @Test
  void shouldFailOverloadOnA500AHangAMissingRetryAfterOrALateAnswer() {
    StepFigures step =
        aStep(12000)
            .answered(503, 100)
            .withoutRetryAfter(4)
            .answered(500, 7)
            .neverAnswered(2)
            .late(9, 6400)
            .build();

    assertThat(Verdicts.overload(step, DEADLINE))
        .containsExactly(
            "7 answered 500",
            "4 503 without Retry-After",
            "2 never answered (hang or connection failure)",
            "9 answered after the 5000 ms deadline (slowest 6400 ms)");
  }

  @Test
  void shouldCallIngestHonestWhenOnlyTheWaitForAClientConnectionMadeAnswersLate() {
    StepFigures step = aStep(12000).answered(503, 100).late(9, 6400).build();

    assertThat(Verdicts.overload(step, DEADLINE)).hasSize(1);
    assertThat(Verdicts.overloadAtIngest(step, DEADLINE)).isEmpty();
  }

  @Test
  void shouldFailIngestWhenItsOwnAnswersCameAfterTheDeadlineOrWereA500() {
    StepFigures step = aStep(12000).answered(500, 3).late(9, 6400).lateAtIngest(4, 5300).build();

    assertThat(Verdicts.overloadAtIngest(step, DEADLINE))
        .containsExactly(
            "3 answered 500",
            "4 answered more than 5000 ms after they were sent on a connection (slowest 5300 ms)");
  }
}
