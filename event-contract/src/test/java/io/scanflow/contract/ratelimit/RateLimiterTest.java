package io.scanflow.contract.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  @Test
  void shouldKeepOneBucketPerCaller() {
    RateLimiter limiter = new RateLimiter(1, nanos::get);

    assertThat(limiter.tryAcquire("key-a").allowed()).isTrue();
    assertThat(limiter.tryAcquire("key-a").allowed()).isFalse();
    assertThat(limiter.tryAcquire("key-b").allowed()).isTrue();
  }

  @Test
  void shouldRefuseARateBelowOnePerMinuteAtOnce() {
    assertThatThrownBy(() -> new RateLimiter(0, nanos::get))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldForgetCallersIdleForAMinuteOnceThereAreMany() {
    RateLimiter limiter = new RateLimiter(10, nanos::get);
    for (int i = 0; i <= RateLimiter.PRUNE_ABOVE; i++) {
      limiter.tryAcquire("address-" + i);
    }
    limiter.tryAcquire("busy");
    limiter.tryAcquire("busy");

    nanos.addAndGet(TimeUnit.SECONDS.toNanos(59));
    limiter.tryAcquire("busy"); // not yet a minute since the limiter started: nothing dropped
    assertThat(limiter.tracked()).isEqualTo(RateLimiter.PRUNE_ABOVE + 2);

    nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
    RateLimitDecision busy = limiter.tryAcquire("busy");

    // Every bucket idle for a minute was full again and is gone; "busy" kept its count.
    assertThat(limiter.tracked()).isEqualTo(1);
    assertThat(busy.remaining()).isEqualTo(8);
  }
}
