package io.scanflow.reports;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.scanflow.testsupport.KafkaTestResource;
import io.scanflow.testsupport.PostgresTestResource;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dashboard sessions end on the server after {@code scanflow.reports.session-ttl} unused. */
@QuarkusTest
@TestProfile(DashboardSessionExpiryIT.TwoSecondSessions.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class DashboardSessionExpiryIT {
  // long enough that a slow request on a loaded 2-core machine is not mistaken for an idle session
  private static final Duration TTL = Duration.ofSeconds(6);

  public static class TwoSecondSessions implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("scanflow.reports.session-ttl", TTL.toSeconds() + "s");
    }
  }

  @Test
  void shouldRefuseASessionThatWasNotUsedForTheTtl() {
    String cookie =
        given().formParam("token", ReportsApi.ADMIN_TOKEN).post("/login").cookie("scanflow_admin");
    assertThat(given().cookie("scanflow_admin", cookie).get("/api/sites").statusCode())
        .isEqualTo(200);

    // the first look comes only after the TTL: every use of the session would extend it
    await()
        .pollDelay(TTL.plusMillis(500))
        .atMost(TTL.multipliedBy(5))
        .until(
            () -> given().cookie("scanflow_admin", cookie).get("/api/sites").statusCode() == 401);
  }

  @Test
  void shouldKeepASessionThatIsUsedWithinTheTtl() {
    String cookie =
        given().formParam("token", ReportsApi.ADMIN_TOKEN).post("/login").cookie("scanflow_admin");

    // used every third of the TTL for more than one TTL: the dashboard's polling keeps its
    // session alive (each use may itself take up to a third of the TTL before the next begins)
    for (int i = 0; i < 4; i++) {
      await()
          .pollDelay(TTL.dividedBy(3))
          .atMost(TTL.multipliedBy(2).dividedBy(3))
          .until(
              () -> given().cookie("scanflow_admin", cookie).get("/api/sites").statusCode() == 200);
    }
  }
}
