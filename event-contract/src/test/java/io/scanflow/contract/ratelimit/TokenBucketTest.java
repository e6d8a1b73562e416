package io.scanflow.contract.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  private void advanceMillis(long millis) {
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
  }

  @Test
  void shouldAllowABurstUpToTheLimitThenRefuse() {
    TokenBucket bucket = new TokenBucket(60, nanos::get);

    for (int i = 0; i < 60; i++) {
      assertThat(bucket.tryTake().allowed()).isTrue();
    }
    RateLimitDecision refused = bucket.tryTake();

    assertThat(refused.allowed()).isFalse();
    assertThat(refused.remaining()).isZero();
    assertThat(refused.retryAfterSeconds()).isEqualTo(1);
  }

  @Test
  void shouldRefillContinuously() {
    TokenBucket bucket = new TokenBucket(60, nanos::get);
    for (int i = 0; i < 60; i++) {
      bucket.tryTake();
    }

    advanceMillis(999);
    assertThat(bucket.tryTake().allowed()).isFalse();
    advanceMillis(1);
    assertThat(bucket.tryTake().allowed()).isTrue();
    assertThat(bucket.tryTake().allowed()).isFalse();
  }

  @Test
  void shouldSayHowLongToWaitInWholeSecondsOfAtLeastOne() {
    TokenBucket bucket = new TokenBucket(2, nanos::get); // one token per 30 s
    bucket.tryTake();
    bucket.tryTake();

    assertThat(bucket.tryTake().retryAfterSeconds()).isEqualTo(30);
    advanceMillis(29_500);
    assertThat(bucket.tryTake().retryAfterSeconds()).isEqualTo(1);
  }

  @Test
  void shouldReportLimitRemainingAndReset() {
    TokenBucket bucket = new TokenBucket(1000, nanos::get);

    RateLimitDecision first = bucket.tryTake();

    assertThat(first.limit()).isEqualTo(1000);
    assertThat(first.remaining()).isEqualTo(999);
    assertThat(first.resetSeconds()).isEqualTo(1); // 1 token back in 60 ms, rounded up
    assertThat(first.retryAfterSeconds()).isZero();
  }

  @Test
  void shouldNeverHoldMoreThanTheLimit() {
    TokenBucket bucket = new TokenBucket(10, nanos::get);
    advanceMillis(3_600_000);

    RateLimitDecision decision = bucket.tryTake();

    assertThat(decision.remaining()).isEqualTo(9);
  }

  @Test
  void shouldChargeRequestsAdmittedElsewhereIntoDebtAndRefillItFirst() {
    TokenBucket bucket = new TokenBucket(60, nanos::get);

    bucket.charge(70);
    RateLimitDecision refused = bucket.refusal();

    assertThat(refused.allowed()).isFalse();
    assertThat(refused.remaining()).isZero();
    assertThat(refused.retryAfterSeconds()).isEqualTo(11); // 10 tokens of debt, then 1 more
    assertThat(refused.resetSeconds()).isEqualTo(70);
    advanceMillis(10_999);
    assertThat(bucket.tryTake().allowed()).isFalse();
    advanceMillis(1);
    assertThat(bucket.tryTake().allowed()).isTrue();
  }

  @Test
  void shouldNeverOweMoreThanOneFullBucket() {
    TokenBucket bucket = new TokenBucket(60, nanos::get);

    bucket.charge(1_000_000);

    assertThat(bucket.refusal().retryAfterSeconds()).isEqualTo(61); // 60 of debt, then 1
  }
}
