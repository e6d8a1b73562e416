package io.scanflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackTest {
  @TempDir Path home;

  @Test
  void shouldReadTheDevStackDescription() throws Exception {
    write("http://localhost:18180", "127.0.0.1:19192");

    Stack stack = Stack.read(home);

    assertThat(stack.ingestUrl().getPort()).isEqualTo(18180);
    assertThat(stack.siteId()).isEqualTo("demo-shop");
    assertThat(stack.apiKey()).isEqualTo("sf_live_x");
  }

  @Test
  void shouldRefuseAnAddressOffThisMachine() throws Exception {
    write("http://192.0.2.10:8080", "127.0.0.1:19192");

    assertThatThrownBy(() -> Stack.read(home))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("loopback");
  }

  private void write(String ingestUrl, String kafka) throws Exception {
    Files.writeString(
        home.resolve("dev-stack.json"),
        String.format(
            "{\"ingest_url\":\"%s\",\"reports_url\":\"http://localhost:18181\","
                + "\"admin_token\":\"t\",\"kafka_bootstrap\":\"%s\","
                + "\"demo\":{\"site_id\":\"demo-shop\",\"api_key\":\"sf_live_x\"}}",
            ingestUrl, kafka));
  }
}
