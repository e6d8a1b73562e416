package io.scanflow.reports;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.scanflow.testsupport.KafkaTestResource;
import io.scanflow.testsupport.PostgresTestResource;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's session cookie, server-side logout, the admin-token throttle and the security
 * headers, over real HTTP. Each test plays clients from its own addresses ({@code X-Forwarded-For},
 * trusted in the test profile), so that one test's wrong tokens never throttle another's.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class DashboardSecurityIT {
  private static final String COOKIE = "scanflow_admin";
  private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(1);

  @Test
  void shouldIssueAnHttpOnlyStrictCookieWithoutSecureOverPlainHttp() {
    Response login = login(from(newAddress()), ReportsApi.ADMIN_TOKEN);

    assertThat(login.statusCode()).isEqualTo(204);
    List<String> attributes = cookieAttributes(login);
    assertThat(attributes).contains("httponly", "samesite=strict", "path=/");
    assertThat(attributes).doesNotContain("secure");
    assertThat(attributes).noneMatch(a -> a.startsWith("max-age") || a.startsWith("expires"));
  }

  @Test
  void shouldMarkTheCookieSecureBehindAnHttpsProxy() {
    Response login =
        login(from(newAddress()).header("X-Forwarded-Proto", "https"), ReportsApi.ADMIN_TOKEN);

    assertThat(login.statusCode()).isEqualTo(204);
    assertThat(cookieAttributes(login)).contains("secure", "httponly", "samesite=strict", "path=/");
  }

  @Test
  void shouldGiveEachLoginItsOwnRandomSession() {
    String first = login(from(newAddress()), ReportsApi.ADMIN_TOKEN).cookie(COOKIE);
    String second = login(from(newAddress()), ReportsApi.ADMIN_TOKEN).cookie(COOKIE);

    assertThat(first).hasSize(43).isNotEqualTo(second).doesNotContain(ReportsApi.ADMIN_TOKEN);
  }

  @Test
  void shouldRefuseTheCookieOnceItsSessionLoggedOut() {
    String cookie = login(from(newAddress()), ReportsApi.ADMIN_TOKEN).cookie(COOKIE);
    assertThat(given().cookie(COOKIE, cookie).get("/api/sites").statusCode()).isEqualTo(200);

    Response logout = given().cookie(COOKIE, cookie).post("/logout");

    assertThat(logout.statusCode()).isEqualTo(204);
    assertThat(cookieAttributes(logout)).contains("max-age=0");
    // a copy of the cookie kept by someone else no longer works either
    Response after = given().cookie(COOKIE, cookie).get("/api/sites");
    assertThat(after.statusCode()).isEqualTo(401);
  }

  @Test
  void shouldAnswer429AfterFiveWrongLoginsFromOneAddressEvenToTheRightToken() {
    String attacker = newAddress();
    for (int i = 1; i <= 5; i++) {
      assertThat(login(from(attacker), "wrong-" + i).statusCode())
          .as("attempt %d", i)
          .isEqualTo(401);
    }

    Response blocked = login(from(attacker), ReportsApi.ADMIN_TOKEN);

    assertThat(blocked.statusCode()).isEqualTo(429);
    assertThat(Integer.parseInt(blocked.header("Retry-After"))).isBetween(1, 60);
    assertThat(blocked.jsonPath().getString("detail")).contains("Too many wrong admin tokens");
    assertThat(login(from(newAddress()), ReportsApi.ADMIN_TOKEN).statusCode())
        .as("another address")
        .isEqualTo(204);
  }

  @Test
  void shouldAnswer429AfterFiveWrongBearerTokensFromOneAddress() {
    String attacker = newAddress();
    for (int i = 1; i <= 5; i++) {
      assertThat(bearer(attacker, "wrong-" + i).statusCode()).as("attempt %d", i).isEqualTo(401);
    }

    assertThat(bearer(attacker, ReportsApi.ADMIN_TOKEN).statusCode()).isEqualTo(429);
    assertThat(bearer(newAddress(), ReportsApi.ADMIN_TOKEN).statusCode()).isEqualTo(200);
  }

  @Test
  void shouldForgetWrongTokensAfterARightOne() {
    String admin = newAddress();
    for (int i = 0; i < 4; i++) {
      login(from(admin), "typo-" + i);
    }
    assertThat(login(from(admin), ReportsApi.ADMIN_TOKEN).statusCode()).isEqualTo(204);

    for (int i = 0; i < 4; i++) {
      assertThat(login(from(admin), "typo-again-" + i).statusCode()).isEqualTo(401);
    }
    assertThat(login(from(admin), ReportsApi.ADMIN_TOKEN).statusCode()).isEqualTo(204);
  }

  @Test
  void shouldNotCountAStaleCookieAsAWrongToken() {
    String tab = newAddress();
    for (int i = 0; i < 10; i++) {
      assertThat(from(tab).cookie(COOKIE, "stale-" + i).get("/api/sites").statusCode())
          .isEqualTo(401);
    }

    assertThat(login(from(tab), ReportsApi.ADMIN_TOKEN).statusCode()).isEqualTo(204);
  }

  @Test
  void shouldSendTheSecurityHeadersOnApiStaticAndErrorResponses() {
    assertSecurityHeaders(ReportsApi.asAdmin("/api/sites"), 200);
    assertSecurityHeaders(given().get("/api/sites"), 401);
    assertSecurityHeaders(given().get("/"), 200);
    assertSecurityHeaders(given().get("/app.js"), 200);
    assertSecurityHeaders(given().get("/app.css"), 200);
    assertSecurityHeaders(given().get("/no-such-page"), 404);
    assertSecurityHeaders(ReportsApi.asAdmin("/api/sites/no-such-site/events/x"), 404);
    assertSecurityHeaders(given().get("/q/health/live"), 200);
  }

  private static void assertSecurityHeaders(Response response, int status) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.header("Content-Security-Policy"))
        .contains("default-src 'self'", "script-src 'self'", "style-src 'self'")
        .contains("frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'")
        .doesNotContain("unsafe-inline", "unsafe-eval");
    assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
    assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
  }

  private static Response login(RequestSpecification client, String token) {
    return client.formParam("token", token).post("/login");
  }

  private static Response bearer(String address, String token) {
    return from(address).header("Authorization", "Bearer " + token).get("/api/sites");
  }

  private static RequestSpecification from(String address) {
    return given().header("X-Forwarded-For", address);
  }

  /** A fresh address from TEST-NET-3 for each simulated client. */
  private static String newAddress() {
    return "203.0.113." + NEXT_ADDRESS.getAndIncrement();
  }

  private static List<String> cookieAttributes(Response response) {
    String setCookie =
        response.headers().getValues("Set-Cookie").stream()
            .filter(h -> h.startsWith(COOKIE + "="))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no " + COOKIE + " cookie set"));
    return Arrays.stream(setCookie.split(";"))
        .skip(1)
        .map(a -> a.strip().toLowerCase(Locale.ROOT))
        .toList();
  }
}
