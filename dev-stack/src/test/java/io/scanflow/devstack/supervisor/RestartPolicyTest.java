package io.scanflow.devstack.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanflow.devstack.supervisor.RestartPolicy.GiveUp;
import io.scanflow.devstack.supervisor.RestartPolicy.Restart;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {
  private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
  private static final Duration QUICK = Duration.ofSeconds(5);

  private final RestartPolicy policy = RestartPolicy.standard();

  @Test
  void shouldDoubleTheDelayWhileTheProcessKeepsDyingSoonAfterItsStart() {
    // exits a minute apart: never 5 within 2 minutes, so only the backoff is at work
    assertThat(policy.onExit(START, QUICK)).isEqualTo(new Restart(Duration.ofSeconds(1), 1));
    assertThat(policy.onExit(START.plusSeconds(60), QUICK))
        .isEqualTo(new Restart(Duration.ofSeconds(2), 2));
    assertThat(policy.onExit(START.plusSeconds(120), QUICK))
        .isEqualTo(new Restart(Duration.ofSeconds(4), 3));
    assertThat(policy.onExit(START.plusSeconds(180), QUICK))
        .isEqualTo(new Restart(Duration.ofSeconds(8), 4));
    assertThat(policy.onExit(START.plusSeconds(240), QUICK))
        .isEqualTo(new Restart(Duration.ofSeconds(16), 5));
  }

  @Test
  void shouldNeverWaitLongerThanThirtySeconds() {
    Restart last = null;
    for (int exit = 0; exit < 12; exit++) {
      last = (Restart) policy.onExit(START.plusSeconds(60L * exit), QUICK);
    }
    assertThat(last.delay()).isEqualTo(Duration.ofSeconds(30));
    assertThat(last.number()).isEqualTo(12);
  }

  @Test
  void shouldStartOverFromOneSecondAfterTheProcessRanForAMinute() {
    policy.onExit(START, QUICK);
    policy.onExit(START.plusSeconds(60), QUICK);
    policy.onExit(START.plusSeconds(120), QUICK);

    assertThat(policy.onExit(START.plusSeconds(300), Duration.ofMinutes(2)))
        .isEqualTo(new Restart(Duration.ofSeconds(1), 4));
  }

  @Test
  void shouldGiveUpOnTheFifthExitWithinTwoMinutes() {
    for (int exit = 0; exit < 4; exit++) {
      assertThat(policy.onExit(START.plusSeconds(20L * exit), QUICK)).isInstanceOf(Restart.class);
    }

    assertThat(policy.onExit(START.plusSeconds(100), QUICK))
        .isEqualTo(new GiveUp(5, Duration.ofMinutes(2)));
  }

  @Test
  void shouldForgetExitsOlderThanTwoMinutes() {
    for (int exit = 0; exit < 4; exit++) {
      policy.onExit(START.plusSeconds(20L * exit), QUICK);
    }

    // the first exit (at 0 s) is more than 2 minutes before this one: 4 within the window
    assertThat(policy.onExit(START.plusSeconds(121), QUICK)).isInstanceOf(Restart.class);
  }
}
