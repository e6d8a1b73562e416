package io.scanflow.ingest.it;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Creates tracking sites and keys through the admin API, as an operator would. */
final class Sites {
  static final String ADMIN = "Bearer test-admin-token-of-at-least-32-chars";

  private Sites() {}

  /** A new site with its first key. */
  record SiteWithKey(String siteId, String keyId, String key) {}

  static SiteWithKey newSite() {
    String siteId = "site-" + UUID.randomUUID().toString().substring(0, 8);
    Response created =
        given()
            .header("Authorization", ADMIN)
            .body(
                ("{\"name\": \"Test shop\", \"site_id\": \"" + siteId + "\"}")
                    .getBytes(StandardCharsets.UTF_8))
            .post("/admin/sites")
            .then()
            .statusCode(201)
            .extract()
            .response();
    return new SiteWithKey(siteId, created.path("api_key.key_id"), created.path("api_key.key"));
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
