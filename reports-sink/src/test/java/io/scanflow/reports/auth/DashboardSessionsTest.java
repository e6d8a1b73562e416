package io.scanflow.reports.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DashboardSessionsTest {
  private static final Duration TTL = Duration.ofHours(12);
  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-12-01T08:00:00Z"));
  private final DashboardSessions sessions = new DashboardSessions(TTL, 3, now::get);

  @Test
  void shouldOpenSessionsWithUnguessableDistinctIds() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      ids.add(sessions.open());
    }

    assertThat(ids).hasSize(3).allSatisfy(id -> assertThat(id).matches("[A-Za-z0-9_-]{43}"));
    assertThat(ids).allSatisfy(id -> assertThat(sessions.use(id)).isTrue());
  }

  @Test
  void shouldRefuseUnknownIds() {
    sessions.open();

    assertThat(sessions.use("forged")).isFalse();
    assertThat(sessions.use("")).isFalse();
    assertThat(sessions.use(null)).isFalse();
  }

  @Test
  void shouldEndASessionThatWasNotUsedForTheTtl() {
    String id = sessions.open();

    advance(TTL);

    assertThat(sessions.use(id)).isFalse();
    assertThat(sessions.size()).as("forgotten, not just refused").isZero();
  }

  @Test
  void shouldExtendASessionEachTimeItIsUsed() {
    String id = sessions.open();

    for (int i = 0; i < 5; i++) {
      advance(TTL.minusMinutes(1));
      assertThat(sessions.use(id)).as("use %d", i).isTrue();
    }
    advance(TTL);
    assertThat(sessions.use(id)).isFalse();
  }

  @Test
  void shouldEndASessionAtLogout() {
    String id = sessions.open();
    String other = sessions.open();

    sessions.close(id);

    assertThat(sessions.use(id)).isFalse();
    assertThat(sessions.use(other)).isTrue();
  }

  @Test
  void shouldPushOutTheLeastRecentlyUsedSessionWhenFull() {
    String first = sessions.open();
    String second = sessions.open();
    String third = sessions.open();
    sessions.use(first);

    String fourth = sessions.open();

    assertThat(sessions.size()).isEqualTo(3);
    assertThat(sessions.use(second)).isFalse();
    assertThat(sessions.use(first)).isTrue();
    assertThat(sessions.use(third)).isTrue();
    assertThat(sessions.use(fourth)).isTrue();
  }

  @Test
  void shouldMakeRoomFromExpiredSessionsFirst() {
    String old = sessions.open();
    advance(TTL.minusMinutes(30));
    String fresh = sessions.open();
    advance(Duration.ofMinutes(31));

    sessions.open();
    sessions.open();

    assertThat(sessions.use(fresh)).isTrue();
    assertThat(sessions.use(old)).isFalse();
  }

  private void advance(Duration duration) {
    now.set(now.get().plus(duration));
  }
}
