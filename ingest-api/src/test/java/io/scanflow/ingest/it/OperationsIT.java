package io.scanflow.ingest.it;

import static io.restassured.RestAssured.given;
import static io.scanflow.ingest.it.Sites.utf8;
import static io.scanflow.ingest.validation.EventJson.anEvent;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scanflow.ingest.it.Sites.SiteWithKey;
import io.scanflow.testsupport.KafkaTestResource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Health, metrics, the OpenAPI document (http-api.md §10) and headers on every response. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class OperationsIT {
  private static final String NOSNIFF = "X-Content-Type-Options";

  @Test
  void shouldBeLiveAndReadyWithKafkaAndACaughtUpRegistry() {
    given().get("/q/health/live").then().statusCode(200);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                given()
                    .get("/q/health/ready")
                    .then()
                    .statusCode(200)
                    .body("checks.find { it.name == 'kafka' }.status", equalTo("UP"))
                    .body("checks.find { it.name == 'key-registry' }.status", equalTo("UP")));
  }

  @Test
  void shouldForbidContentSniffingOnEveryResponse() {
    given().get("/q/health/live").then().statusCode(200).header(NOSNIFF, "nosniff");
    given()
        .body(utf8("{}"))
        .post("/server-events")
        .then()
        .statusCode(401)
        .header(NOSNIFF, "nosniff");
    given().get("/no-such-page").then().statusCode(404).header(NOSNIFF, "nosniff");
  }

  @Test
  void shouldCountAcceptedAndRejectedEvents() {
    SiteWithKey site = Sites.newSite();
    given()
        .header("X-API-Key", site.key())
        .body(utf8(anEvent().with("site_id", site.siteId()).text()))
        .post("/server-events")
        .then()
        .statusCode(200);
    given()
        .header("X-API-Key", site.key())
        .body(utf8("{}"))
        .post("/server-events")
        .then()
        .statusCode(422);

    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("scanflow_ingest_events_accepted_total "))
        .body(containsString("scanflow_ingest_events_rejected_total{reason=\"validation\""));
  }

  @Test
  void shouldDocumentEveryEndpointWithExamples() {
    given()
        .get("/q/openapi?format=json")
        .then()
        .statusCode(200)
        .body(
            "paths.'/server-events'.post.requestBody.content.'application/json'.examples",
            org.hamcrest.Matchers.notNullValue())
        .body(
            "paths.keySet()",
            org.hamcrest.Matchers.hasItems(
                "/server-events",
                "/server-events/batch",
                "/server-events/validate",
                "/scan-sessions",
                "/admin/sites",
                "/admin/sites/{site_id}/api-keys",
                "/admin/api-keys/{key_id}"))
        .body("components.securitySchemes.apiKey.name", equalTo("X-API-Key"));
    given().get("/q/swagger-ui/").then().statusCode(200);
  }
}
