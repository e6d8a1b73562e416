package io.scanflow.reports;

import static io.restassured.RestAssured.given;
import static io.scanflow.reports.TestEvents.anEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.scanflow.contract.AttributedEvent;
import io.scanflow.testsupport.InjectKafka;
import io.scanflow.testsupport.KafkaTestCluster;
import io.scanflow.testsupport.KafkaTestResource;
import io.scanflow.testsupport.PostgresTestResource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class ReportsAuthIT {
  private static final String SITE = "auth-a-" + UUID.randomUUID();
  private static final String OTHER_SITE = "auth-b-" + UUID.randomUUID();
  private static final String KEY = "sf_live_" + UUID.randomUUID().toString().replace("-", "");
  private static final String OTHER_KEY =
      "sf_live_" + UUID.randomUUID().toString().replace("-", "");
  private static final String REVOKED_KEY =
      "sf_live_" + UUID.randomUUID().toString().replace("-", "");
  private static String eventId;

  @InjectKafka KafkaTestCluster kafka;

  @BeforeEach
  void givenTwoSitesWithKeysAndAnEvent() {
    if (eventId != null) {
      return;
    }
    try (TopicPublisher publisher = new TopicPublisher(kafka)) {
      publisher.site(SITE, "Shop A");
      publisher.site(OTHER_SITE, "Shop B");
      publisher.apiKey(KEY, SITE, null);
      publisher.apiKey(OTHER_KEY, OTHER_SITE, null);
      publisher.apiKey(REVOKED_KEY, SITE, Instant.now().minusSeconds(60));
      AttributedEvent event = anEvent(SITE).build();
      publisher.attributed(event);
      eventId = event.event().eventId();
    }
    SinkProgress.awaitCaughtUp(kafka);
  }

  private static List<String> siteReports() {
    return List.of(
        "/api/sites/" + SITE + "/summary",
        "/api/sites/" + SITE + "/events",
        "/api/sites/" + SITE + "/events/" + eventId,
        "/api/sites/" + SITE + "/warnings");
  }

  private static final List<String> ADMIN_REPORTS = List.of("/api/sites", "/api/pipeline");

  @Test
  void shouldOpenEveryReportToTheAdminToken() {
    for (String path : concat(siteReports(), ADMIN_REPORTS)) {
      assertStatus(path, r -> r.header("Authorization", "Bearer " + ReportsApi.ADMIN_TOKEN), 200);
    }
  }

  @Test
  void shouldOpenOnlyItsOwnSiteReportsToASiteKey() {
    for (String path : siteReports()) {
      assertStatus(path, r -> r.header("X-API-Key", KEY), 200);
    }
    for (String path : ADMIN_REPORTS) {
      assertStatus(path, r -> r.header("X-API-Key", KEY), 403);
    }
  }

  @Test
  void shouldRefuseAnotherSitesKeyWith403() {
    for (String path : concat(siteReports(), ADMIN_REPORTS)) {
      assertStatus(path, r -> r.header("X-API-Key", OTHER_KEY), 403);
    }
  }

  @Test
  void shouldRefuseRevokedAndUnknownKeysWith403() {
    for (String path : siteReports()) {
      assertStatus(path, r -> r.header("X-API-Key", REVOKED_KEY), 403);
      assertStatus(path, r -> r.header("X-API-Key", "sf_live_unknown"), 403);
    }
  }

  @Test
  void shouldRefuseMissingCredentialsAndWrongAdminTokenWith401() {
    int client = 0;
    for (String path : concat(siteReports(), ADMIN_REPORTS)) {
      assertStatus(path, r -> r, 401);
      // each from its own address: more than five from one would be throttled (DashboardSecurityIT)
      String address = "198.51.100." + ++client;
      assertStatus(
          path,
          r -> r.header("X-Forwarded-For", address).header("Authorization", "Bearer wrong"),
          401);
    }
  }

  @Test
  void shouldOpenEveryReportToTheDashboardCookieAfterLogin() {
    given().formParam("token", "wrong").post("/login").then().statusCode(401);
    String cookie =
        given()
            .formParam("token", ReportsApi.ADMIN_TOKEN)
            .post("/login")
            .then()
            .statusCode(204)
            .extract()
            .cookie("scanflow_admin");
    assertThat(cookie).isNotBlank().doesNotContain(ReportsApi.ADMIN_TOKEN);

    for (String path : concat(siteReports(), ADMIN_REPORTS)) {
      assertStatus(path, r -> r.cookie("scanflow_admin", cookie), 200);
      assertStatus(path, r -> r.cookie("scanflow_admin", "forged"), 401);
    }
  }

  @Test
  void shouldNeverServeAnEndpointThatHasNoAccessRule() {
    Response response =
        given()
            .header("Authorization", "Bearer " + ReportsApi.ADMIN_TOKEN)
            .get(ResourceWithoutAccessRule.PATH);

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.asString()).doesNotContain("open to all");
  }

  @Test
  void shouldAnswerUnknownEventsWith404UntilTheyArrive() {
    String path = "/api/sites/" + SITE + "/events/not-there-yet";
    assertStatus(path, r -> r.header("X-API-Key", KEY), 404);
  }

  private static void assertStatus(
      String path, UnaryOperator<RequestSpecification> credentials, int status) {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              Response response = credentials.apply(given()).get(path);
              assertThat(response.statusCode()).as(path).isEqualTo(status);
              if (status != 200) {
                assertThat(ReportsApi.read(response.asString()).get("detail").asText())
                    .as(path)
                    .isNotBlank();
              }
            });
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
