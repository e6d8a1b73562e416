package io.scanflow.reports;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scanflow.testsupport.KafkaTestResource;
import io.scanflow.testsupport.PostgresTestResource;
import org.junit.jupiter.api.Test;

/** The reports API describes itself at the same path as ingest-api: {@code /q/openapi}. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class OpenApiDocumentIT {

  @Test
  void shouldServeAnOpenApiDocumentListingEveryReportsEndpoint() {
    given()
        .get("/q/openapi?format=json")
        .then()
        .statusCode(200)
        .body("info.title", equalTo("Scanflow reports API"))
        .body(
            "paths.keySet()",
            hasItems(
                "/api/sites",
                "/api/sites/{siteId}/summary",
                "/api/sites/{siteId}/events",
                "/api/sites/{siteId}/events/{eventId}",
                "/api/sites/{siteId}/warnings",
                "/api/sites/{siteId}/rejections",
                "/api/pipeline"))
        .body("components.securitySchemes.adminToken.scheme", equalTo("bearer"))
        .body("components.securitySchemes.apiKey.name", equalTo("X-API-Key"));
  }
}
