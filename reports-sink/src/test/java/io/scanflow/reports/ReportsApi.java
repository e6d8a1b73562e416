package io.scanflow.reports;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;
import io.scanflow.contract.ContractJson;

/** Calls the reports API as the admin and reads answers with exact decimals. */
final class ReportsApi {
  static final String ADMIN_TOKEN = "test-admin-token-of-at-least-32-chars";

  private ReportsApi() {}

  static Response asAdmin(String path) {
    return given().header("Authorization", "Bearer " + ADMIN_TOKEN).get(path);
  }

  /** Sends {@code path} exactly as given, for paths the test has already percent-encoded. */
  static Response asAdminEncoded(String path) {
    return given()
        .urlEncodingEnabled(false)
        .header("Authorization", "Bearer " + ADMIN_TOKEN)
        .get(path);
  }

  static JsonNode json(String path) {
    Response response = asAdmin(path);
    if (response.statusCode() != 200) {
      throw new AssertionError(
          path + " answered " + response.statusCode() + ": " + response.asString());
    }
    return read(response.asString());
  }

  static JsonNode read(String body) {
    try {
      return ContractJson.mapper().readTree(body);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }
}
