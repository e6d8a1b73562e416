package io.scanflow.devstack.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.scanflow.devstack.process.ChildProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real child process (sleep) and a real HTTP server standing in for a service's health. */
class ReadinessProbeTest {
  @TempDir Path dir;

  private final AtomicInteger asked = new AtomicInteger();
  private volatile int readyAtLook = 3;
  private HttpServer health;
  private ChildProcess service;

  @BeforeEach
  void startAServiceThatGetsReadyAtTheThirdLook() throws IOException {
    health = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    health.createContext(
        "/q/health/ready",
        exchange -> {
          boolean ready = asked.incrementAndGet() >= readyAtLook;
          byte[] body = (ready ? "UP" : "starting").getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(ready ? 200 : 503, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    health.start();
    service =
        ChildProcess.start("ingest-api", List.of("sleep", "60"), Map.of(), dir.resolve("s.log"));
  }

  @AfterEach
  void stop() {
    health.stop(0);
    service.stop(Duration.ofSeconds(5));
  }

  @Test
  void shouldReturnOnceTheServiceAnswersReady() {
    assertThatCode(() -> ReadinessProbe.await(service, "127.0.0.1", port(), Duration.ofSeconds(30)))
        .doesNotThrowAnyException();

    assertThat(asked).hasValue(3);
  }

  @Test
  void shouldNameTheLastAnswerWhenTheServiceIsNotReadyInTime() {
    readyAtLook = Integer.MAX_VALUE;

    assertThatThrownBy(
            () -> ReadinessProbe.await(service, "127.0.0.1", port(), Duration.ofMillis(300)))
        .hasMessageContaining("ingest-api not ready after")
        .hasMessageContaining("last answer: 503 starting");
  }

  @Test
  void shouldFailAtOnceWhenTheServiceHasDied() throws Exception {
    service.stop(Duration.ofSeconds(5));

    assertThatThrownBy(
            () -> ReadinessProbe.await(service, "127.0.0.1", port(), Duration.ofSeconds(30)))
        .hasMessageContaining("ingest-api exited");
    assertThat(asked).hasValue(0);
  }

  private int port() {
    return health.getAddress().getPort();
  }
}
