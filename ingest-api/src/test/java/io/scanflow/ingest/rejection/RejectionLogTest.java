package io.scanflow.ingest.rejection;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanflow.contract.RequestRejection;
import io.scanflow.contract.ratelimit.RateLimiter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RejectionLogTest {
  private final AtomicLong nanos = new AtomicLong();
  private final List<RequestRejection> published = new ArrayList<>();
  private final AtomicInteger capped = new AtomicInteger();
  private final RejectionLog log =
      new RejectionLog(new RateLimiter(60, nanos::get), published::add, capped::incrementAndGet);

  private static RequestRejection rejection(String site) {
    return new RequestRejection(
        site, Instant.EPOCH, "/server-events", 422, null, RejectionDetail.of("invalid"));
  }

  @Test
  void shouldPublishSixtyAMinutePerKeyAndOnlyCountTheRest() {
    for (int i = 0; i < 100; i++) {
      log.record("key-a", rejection("a"));
    }

    assertThat(published).hasSize(60);
    assertThat(capped).hasValue(40);
  }

  @Test
  void shouldCapEachKeyOnItsOwn() {
    for (int i = 0; i < 100; i++) {
      log.record("key-a", rejection("a"));
    }
    log.record("key-b", rejection("b"));

    assertThat(published).hasSize(61).last().extracting(RequestRejection::siteId).isEqualTo("b");
  }

  @Test
  void shouldKeepAnEndpointFromAnyPathStorableAndShort() {
    log.refused(
        "key-a", "a", "/server-events\u0000" + "x".repeat(10_000), 503, null, "at capacity");

    String endpoint = published.get(0).endpoint();
    assertThat(endpoint).startsWith("/server-events").doesNotContain("\u0000");
    assertThat(endpoint.length()).isLessThanOrEqualTo(256);
    assertThat(published.get(0).status()).isEqualTo(503);
    assertThat(published.get(0).detail().asText()).isEqualTo("at capacity");
  }

  @Test
  void shouldLetAKeyThroughAgainAsTheMinuteGoesBy() {
    for (int i = 0; i < 60; i++) {
      log.record("key-a", rejection("a"));
    }
    log.record("key-a", rejection("a"));

    nanos.addAndGet(TimeUnit.SECONDS.toNanos(10));
    for (int i = 0; i < 20; i++) {
      log.record("key-a", rejection("a"));
    }

    assertThat(published).hasSize(70);
    assertThat(capped).hasValue(11);
  }
}
