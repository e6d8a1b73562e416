package io.scanflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo site file holds a live API key; ingest-api's admin API is stood in for by a stub. */
class DemoSiteTest {
  private static final String CREATED =
      "{\"site_id\": \"demo-shop\", \"api_key\": {\"key\": \"sf_live_demo\"}}";

  @TempDir Path dir;
  private HttpServer ingest;

  @BeforeEach
  void startIngestStub() throws Exception {
    ingest = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    ingest.createContext(
        "/admin/sites",
        exchange -> {
          byte[] body = CREATED.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(201, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    ingest.start();
  }

  @AfterEach
  void stopIngestStub() {
    ingest.stop(0);
  }

  @Test
  void shouldSaveTheDemoKeyForTheOwnerOnly() throws Exception {
    Path file = dir.resolve("demo-site.json");

    DemoSite site = DemoSite.loadOrCreate(file, url(), "sf_admin_token");

    assertThat(site).isEqualTo(new DemoSite("demo-shop", "sf_live_demo"));
    assertThat(OwnerOnlyTest.mode(file)).isEqualTo("rw-------");
    assertThat(DemoSite.loadOrCreate(file, "http://unused", "unused")).isEqualTo(site);
  }

  private String url() {
    return "http://127.0.0.1:" + ingest.getAddress().getPort();
  }
}
