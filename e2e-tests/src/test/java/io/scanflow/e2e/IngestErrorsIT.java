package io.scanflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scanflow.devstack.StackInfo;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The documented refusals of http-api.md §1-§5, against the running stack. */
@ExtendWith(RunningStack.class)
class IngestErrorsIT {
  private final StackInfo stack;
  private final ScanflowClient client;

  IngestErrorsIT(StackInfo stack) {
    this.stack = stack;
    this.client = new ScanflowClient(stack);
  }

  private Map<String, Object> validEvent() {
    return Map.of(
        "site_id", stack.demo().siteId(),
        "event_name", "purchase",
        "event_id", UUID.randomUUID().toString(),
        "scan_session_id", UUID.randomUUID().toString());
  }

  @Test
  void shouldAnswer401WithoutApiKey() {
    var answer = client.postEvent(null, validEvent());

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.body().path("detail").asText()).isEqualTo("Missing API key");
  }

  @Test
  void shouldAnswer403ForUnknownKey() {
    var answer = client.postEvent("sf_live_" + "x".repeat(32), validEvent());

    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.body().path("detail").asText()).isEqualTo("Invalid or revoked API key");
  }

  @Test
  void shouldAnswer403ForRevokedKeyWithinFiveSeconds() {
    var site = client.createSite("Revoked key shop");
    Map<String, Object> event = new java.util.HashMap<>(validEvent());
    event.put("site_id", site.getKey());
    String validate = stack.ingestUrl() + "/server-events/validate";
    assertThat(client.post(validate, site.getValue(), event).status()).isEqualTo(200);

    assertThat(client.revokeKey(client.keyIdOf(site.getKey())).status()).isEqualTo(204);

    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () -> {
              var answer = client.post(validate, site.getValue(), event);
              assertThat(answer.status()).isEqualTo(403);
              assertThat(answer.body().path("detail").asText())
                  .isEqualTo("Invalid or revoked API key");
            });
  }

  @Test
  void shouldAnswer403WhenSiteIdIsNotTheKeysSite() {
    Map<String, Object> event = new java.util.HashMap<>(validEvent());
    event.put("site_id", "someone-elses-shop");

    var answer = client.postEvent(stack.demo().apiKey(), event);

    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.body().path("detail").asText())
        .isEqualTo("site_id does not match the API key's site");
  }

  @Test
  void shouldAnswer422ListingEveryProblem() {
    Map<String, Object> event =
        Map.of(
            "site_id", stack.demo().siteId(),
            "event_name", "purchase",
            "conversion_value", Map.of("amount", -1, "currency", "EUR"));

    var answer = client.postEvent(stack.demo().apiKey(), event);

    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.body().path("detail").findValuesAsText("type"))
        .contains("value_error.missing", "value_error.number.not_ge");
    assertThat(answer.body().path("detail").get(0).path("loc").get(0).asText()).isEqualTo("body");
  }

  @Test
  void shouldAnswer429WithRetryAfterOverTheRateLimit() {
    var site = client.createSite("Rate limited shop");
    Map<String, Object> event =
        Map.of(
            "site_id", site.getKey(),
            "event_name", "page_view",
            "scan_session_id", UUID.randomUUID().toString());

    // the bucket refills continuously, so a slow machine needs a few more than the limit
    ScanflowClient.Answer last = null;
    int allowed = 0;
    for (int i = 0; i < 3 * RunningStack.RATE_LIMIT_PER_MINUTE; i++) {
      last = client.post(stack.ingestUrl() + "/server-events/validate", site.getValue(), event);
      if (last.status() == 429) {
        break;
      }
      assertThat(last.status()).as("request %d", i).isEqualTo(200);
      allowed++;
    }

    assertThat(last.status()).isEqualTo(429);
    assertThat(allowed).isGreaterThanOrEqualTo(RunningStack.RATE_LIMIT_PER_MINUTE);
    assertThat(last.body().path("detail").asText())
        .isEqualTo(
            "Rate limit exceeded: "
                + RunningStack.RATE_LIMIT_PER_MINUTE
                + " requests per minute per API key");
    assertThat(Integer.parseInt(last.header("Retry-After"))).isGreaterThanOrEqualTo(1);
  }
}
