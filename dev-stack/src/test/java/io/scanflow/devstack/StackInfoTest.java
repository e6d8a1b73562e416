package io.scanflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackInfoTest {
  private static final StackHome HOME = new StackHome(Path.of("/repo/.scanflow"));

  private final StackInfo info =
      new StackInfo(
          "http://localhost:8080",
          "http://localhost:8081",
          "http://localhost:8081/",
          "sf_admin_token",
          "127.0.0.1:9092",
          "jdbc:postgresql://127.0.0.1:15432/scanflow",
          "postgres",
          "postgres",
          "http://127.0.0.1:8089",
          "/repo/.scanflow/logs",
          "127.0.0.1",
          new StackInfo.Demo("demo-shop", "sf_live_abc"),
          List.of("http://localhost:8080"),
          List.of("http://localhost:8081"));

  @Test
  void shouldWriteTheKeysToolsAndTestsRelyOn(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("dev-stack.json");

    info.write(file);

    JsonNode json = new ObjectMapper().readTree(Files.readString(file));
    assertThat(json.path("ingest_url").asText()).isEqualTo("http://localhost:8080");
    assertThat(json.path("reports_url").asText()).isEqualTo("http://localhost:8081");
    assertThat(json.path("dashboard_url").asText()).isEqualTo("http://localhost:8081/");
    assertThat(json.path("admin_token").asText()).isEqualTo("sf_admin_token");
    assertThat(json.path("kafka_bootstrap").asText()).isEqualTo("127.0.0.1:9092");
    assertThat(json.path("jdbc_url").asText()).startsWith("jdbc:postgresql://");
    assertThat(json.path("demo").path("site_id").asText()).isEqualTo("demo-shop");
    assertThat(json.path("demo").path("api_key").asText()).isEqualTo("sf_live_abc");
    assertThat(json.path("bind_address").asText()).isEqualTo("127.0.0.1");
    assertThat(StackInfo.read(file)).isEqualTo(info);
  }

  @Test
  void shouldListEveryInstanceAndSayHowToBalanceThem(@TempDir Path dir) throws Exception {
    StackInfo two =
        new StackInfo(
            info.ingestUrl(),
            info.reportsUrl(),
            info.dashboardUrl(),
            info.adminToken(),
            info.kafkaBootstrap(),
            info.jdbcUrl(),
            info.jdbcUser(),
            info.jdbcPassword(),
            info.controlUrl(),
            info.logsDir(),
            info.bindAddress(),
            info.demo(),
            List.of("http://localhost:8080", "http://localhost:8180"),
            List.of("http://localhost:8081", "http://localhost:8181"));
    Path file = dir.resolve("dev-stack.json");

    two.write(file);

    JsonNode json = new ObjectMapper().readTree(Files.readString(file));
    assertThat(json.path("ingest_urls").toString())
        .isEqualTo("[\"http://localhost:8080\",\"http://localhost:8180\"]");
    assertThat(json.path("reports_urls").get(1).asText()).isEqualTo("http://localhost:8181");
    assertThat(json.path("ingest_url").asText()).isEqualTo("http://localhost:8080");
    assertThat(two.banner(HOME))
        .contains("\n                http://localhost:8180\n")
        .contains("\n                http://localhost:8181\n")
        .contains("load balancer")
        .contains("docs/deploy.md");
    assertThat(info.banner(HOME)).doesNotContain("load balancer");
  }

  @Test
  void shouldWriteTheAdminTokenAndDemoKeyForTheOwnerOnly(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("dev-stack.json");

    info.write(file);

    assertThat(OwnerOnlyTest.mode(file)).isEqualTo("rw-------");
  }

  @Test
  void shouldPrintCurlsWithTheRealSiteAndKey() {
    String banner = info.banner(HOME);

    assertThat(banner)
        .contains(
            "curl -sS -w '\\n' http://localhost:8080/server-events -H 'X-API-Key: sf_live_abc'")
        .contains("\"site_id\": \"demo-shop\"")
        .contains("Admin token   sf_admin_token")
        .contains("Dashboard     http://localhost:8081/")
        .contains("Listening on  127.0.0.1   (this machine only");
  }

  @Test
  void shouldNameTheConnectionDetailsAndDataWhereTheHomeReallyIs() {
    String banner = info.banner(new StackHome(Path.of("/tmp/x")));

    assertThat(banner)
        .contains("Connection details are in /tmp/x/dev-stack.json.")
        .contains("data stays in /tmp/x/data.")
        .doesNotContain(".scanflow/dev-stack.json", ".scanflow/data");
  }
}
