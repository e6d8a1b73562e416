package io.scanflow.ingest.it;

import static io.restassured.RestAssured.given;
import static io.scanflow.ingest.it.Sites.utf8;
import static io.scanflow.ingest.validation.EventJson.anEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.scanflow.ingest.it.Sites.SiteWithKey;
import io.scanflow.testsupport.KafkaTestResource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-key token bucket (http-api.md §5), with a limit small enough to reach. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@TestProfile(RateLimitIT.ThreePerMinute.class)
class RateLimitIT {

  /** Three requests per minute: one token every 20 seconds. */
  public static class ThreePerMinute implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("scanflow.rate-limit.requests-per-minute", "3");
    }
  }

  private static Response post(SiteWithKey site, String path, String body) {
    return given().header("X-API-Key", site.key()).body(utf8(body)).post(path);
  }

  @Test
  void shouldRefuseTheFourthRequestWithRetryAfterAndRateLimitHeaders() {
    SiteWithKey site = Sites.newSite();
    String event = anEvent().with("site_id", site.siteId()).text();

    Response first = post(site, "/server-events", event);
    Response second = post(site, "/server-events/validate", event);
    Response third = post(site, "/server-events/batch", "{\"events\": [" + event + "]}");
    Response fourth = post(site, "/server-events", event);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.header("RateLimit-Limit")).isEqualTo("3");
    assertThat(first.header("RateLimit-Remaining")).isEqualTo("2");
    assertThat(Integer.parseInt(first.header("RateLimit-Reset"))).isBetween(1, 20);
    assertThat(second.header("RateLimit-Remaining")).isEqualTo("1");
    assertThat(third.statusCode()).isEqualTo(200);
    assertThat(third.header("RateLimit-Remaining")).isEqualTo("0");
    fourth
        .then()
        .statusCode(429)
        .body("detail", equalTo("Rate limit exceeded: 3 requests per minute per API key"))
        .header("RateLimit-Limit", "3")
        .header("RateLimit-Remaining", "0");
    assertThat(Integer.parseInt(fourth.header("Retry-After"))).isBetween(1, 20);
    assertThat(Integer.parseInt(fourth.header("RateLimit-Reset"))).isBetween(40, 60);
  }

  @Test
  void shouldCheckTheRateLimitBeforeTheBodyAndPerKey() {
    SiteWithKey site = Sites.newSite();
    for (int i = 0; i < 3; i++) {
      post(site, "/server-events", "{}").then().statusCode(422);
    }

    post(site, "/server-events", "not even json").then().statusCode(429);
    post(site, "/scan-sessions", "{}").then().statusCode(429);
    SiteWithKey other = Sites.newSite();
    post(other, "/server-events", "{}").then().statusCode(422);
  }
}
