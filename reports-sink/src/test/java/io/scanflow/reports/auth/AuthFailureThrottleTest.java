package io.scanflow.reports.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AuthFailureThrottleTest {
  private static final Duration WINDOW = Duration.ofMinutes(1);
  private static final String ATTACKER = "192.0.2.7";
  private static final String ADMIN = "198.51.100.1";
  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-12-01T08:00:00Z"));
  private final AuthFailureThrottle throttle = new AuthFailureThrottle(5, WINDOW, now::get);

  @Test
  void shouldLetAnAddressTryUntilItsFifthFailureWithinAMinute() {
    for (int i = 0; i < 4; i++) {
      throttle.failed(ATTACKER);
      advance(Duration.ofSeconds(10));
      assertThat(throttle.blockedFor(ATTACKER)).as("after %d failures", i + 1).isEmpty();
    }

    throttle.failed(ATTACKER);

    assertThat(throttle.blockedFor(ATTACKER)).contains(Duration.ofSeconds(20));
    assertThat(throttle.blockedFor(ADMIN)).as("other addresses").isEmpty();
  }

  @Test
  void shouldLetTheAddressTryAgainOnceTheWindowHasEnded() {
    failTimes(ATTACKER, 5);

    advance(WINDOW);

    assertThat(throttle.blockedFor(ATTACKER)).isEmpty();
    throttle.failed(ATTACKER);
    assertThat(throttle.blockedFor(ATTACKER)).as("a new window counts from one").isEmpty();
  }

  @Test
  void shouldForgetEarlierFailuresAfterASuccess() {
    failTimes(ADMIN, 4);

    throttle.succeeded(ADMIN);
    failTimes(ADMIN, 4);

    assertThat(throttle.blockedFor(ADMIN)).isEmpty();
  }

  @Test
  void shouldNotCountFailuresOfAnEndedWindow() {
    failTimes(ATTACKER, 4);
    advance(WINDOW.plusSeconds(1));

    failTimes(ATTACKER, 4);

    assertThat(throttle.blockedFor(ATTACKER)).isEmpty();
  }

  private void failTimes(String address, int times) {
    for (int i = 0; i < times; i++) {
      throttle.failed(address);
    }
  }

  private void advance(Duration duration) {
    now.set(now.get().plus(duration));
  }
}
