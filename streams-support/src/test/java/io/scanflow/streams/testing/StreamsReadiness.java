package io.scanflow.streams.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;

/** The Quarkus app under test reports its Kafka Streams as RUNNING on the readiness endpoint. */
public final class StreamsReadiness {
  private StreamsReadiness() {}

  public static void awaitRunning(Duration timeout) {
    await()
        .atMost(timeout)
        .untilAsserted(
            () ->
                given()
                    .get("/q/health/ready")
                    .then()
                    .statusCode(200)
                    .body(containsString("RUNNING")));
  }
}
