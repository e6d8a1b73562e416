package io.scanflow.ingest.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanflow.contract.ratelimit.RateLimitDecision;
import io.scanflow.contract.ratelimit.RateLimitUsage;
import io.scanflow.contract.ratelimit.RateLimiter;
import io.scanflow.ingest.ratelimit.ClusterRateLimit.Received;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Two or three instances' limits wired by hand: records pass between them as Kafka would. */
class ClusterRateLimitTest {
  private static final String KEY_HASH = "a".repeat(64);
  private static final String SUBJECT = RateLimitUsage.subjectOf(KEY_HASH);
  private static final Duration FRESH = Duration.ZERO;
  private static final Duration PEER_TIMEOUT = Duration.ofSeconds(2);

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  private ClusterRateLimit anInstance(int perMinute) {
    return new ClusterRateLimit(new RateLimiter(perMinute, nanos::get), PEER_TIMEOUT, nanos::get);
  }

  private void advanceMillis(long millis) {
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
  }

  /** One exchange round: each sends its record and every instance reads all of them. */
  private static void exchange(ClusterRateLimit... instances) {
    RateLimitUsage[] records = new RateLimitUsage[instances.length];
    for (int i = 0; i < instances.length; i++) {
      records[i] = instances[i].nextRecord();
    }
    for (ClusterRateLimit reader : instances) {
      for (RateLimitUsage record : records) {
        reader.received(record, FRESH);
      }
    }
  }

  private static int admitted(ClusterRateLimit instance, int requests) {
    int admitted = 0;
    for (int i = 0; i < requests; i++) {
      admitted += instance.tryAcquire(KEY_HASH).allowed() ? 1 : 0;
    }
    return admitted;
  }

  @Test
  void shouldBeExactWithOneInstanceAndNotChargeItsOwnRecords() {
    ClusterRateLimit alone = anInstance(100);

    assertThat(admitted(alone, 60)).isEqualTo(60);
    exchange(alone);
    exchange(alone);

    assertThat(admitted(alone, 100)).isEqualTo(40);
    assertThat(alone.shared()).isTrue();
    assertThat(alone.peers()).isZero();
  }

  @Test
  void shouldChargeWhatTheOtherInstanceAdmitted() {
    ClusterRateLimit one = anInstance(100);
    ClusterRateLimit two = anInstance(100);
    exchange(one, two);

    int first = admitted(one, 8);
    exchange(one, two);
    RateLimitDecision next = two.tryAcquire(KEY_HASH);

    assertThat(first).isEqualTo(8);
    assertThat(next.allowed()).isTrue();
    assertThat(next.remaining()).as("cluster-wide remaining").isEqualTo(100 - 8 - 1);
  }

  @Test
  void shouldKeepTwoInstancesWithinTenPercentOfTheLimitHoweverFastAKeySends() {
    ClusterRateLimit one = anInstance(1000);
    ClusterRateLimit two = anInstance(1000);
    exchange(one, two);

    int admitted = 0;
    for (int round = 0; round < 60; round++) {
      // Far more than the limit within one exchange round, alternating between the instances.
      for (int i = 0; i < 500; i++) {
        admitted += admitted(i % 2 == 0 ? one : two, 1);
      }
      exchange(one, two);
    }

    assertThat(admitted).isBetween(1000, 1100);
  }

  @Test
  void shouldTreatADebtAsOneSharedBucketWould() {
    ClusterRateLimit one = anInstance(60);
    ClusterRateLimit two = anInstance(60);
    exchange(one, two);
    for (int round = 0; round < 10; round++) {
      admitted(one, 6);
      exchange(one, two);
    }

    RateLimitDecision refused = two.tryAcquire(KEY_HASH);
    advanceMillis(1_000);

    assertThat(refused.allowed()).isFalse();
    assertThat(refused.remaining()).isZero();
    assertThat(refused.retryAfterSeconds()).isEqualTo(1);
    assertThat(two.tryAcquire(KEY_HASH).allowed()).isTrue();
  }

  @Test
  void shouldFailOpenToItsOwnLimitWhenItsRecordsStopComingBack() {
    ClusterRateLimit one = anInstance(1000);
    ClusterRateLimit two = anInstance(1000);
    exchange(one, two);

    advanceMillis(PEER_TIMEOUT.toMillis() + 1);
    one.nextRecord(); // sent into a broker that is down: never read back

    assertThat(one.shared()).isFalse();
    assertThat(admitted(one, 1000)).as("no in-flight budget any more").isEqualTo(1000);
  }

  @Test
  void shouldForgetAnInstanceThatStoppedOrWentSilent() {
    ClusterRateLimit one = anInstance(1000);
    ClusterRateLimit two = anInstance(1000);
    ClusterRateLimit three = anInstance(1000);
    exchange(one, two, three);
    assertThat(one.peers()).isEqualTo(2);

    one.received(two.stoppingRecord(), FRESH);
    assertThat(one.peers()).isEqualTo(1);
    advanceMillis(PEER_TIMEOUT.toMillis() + 1);
    exchange(one);
    assertThat(one.peers()).isZero();
  }

  @Test
  void shouldIgnoreAndReportPoisonAndStaleRecords() {
    ClusterRateLimit one = anInstance(10);
    ClusterRateLimit two = anInstance(10);

    assertThat(
            one.received(new RateLimitUsage("peer", 1, Map.of("not-a-subject", 5), false), FRESH))
        .isEqualTo(Received.POISON);
    assertThat(one.received(new RateLimitUsage("peer", 1, Map.of(SUBJECT, -5), false), FRESH))
        .isEqualTo(Received.POISON);
    assertThat(one.received(new RateLimitUsage(null, 1, Map.of(), false), FRESH))
        .isEqualTo(Received.POISON);
    assertThat(
            one.received(
                new RateLimitUsage("peer", 1, Map.of(SUBJECT, 10), false), Duration.ofMinutes(2)))
        .isEqualTo(Received.STALE);
    assertThat(admitted(one, 10)).isEqualTo(10);
    assertThat(two.received(one.nextRecord(), FRESH)).isEqualTo(Received.CHARGED);
  }

  @Test
  void shouldNeverPutTheKeyHashOnTheTopic() {
    ClusterRateLimit one = anInstance(10);
    one.tryAcquire(KEY_HASH);

    RateLimitUsage record = one.nextRecord();

    assertThat(record.admitted()).containsOnlyKeys(SUBJECT);
    assertThat(SUBJECT).hasSize(32).isNotEqualTo(KEY_HASH.substring(0, 32));
  }
}
