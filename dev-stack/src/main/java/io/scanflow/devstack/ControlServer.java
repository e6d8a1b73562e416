package io.scanflow.devstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.scanflow.devstack.replay.Replay;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;

/**
 * A loopback-only endpoint of the running supervisor, so that {@code ./scanflow replay} in another
 * terminal can ask the process that owns the children to replay. Guarded by the admin token.
 */
public final class ControlServer implements AutoCloseable {
  private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(10);
  private final HttpServer server;

  private ControlServer(HttpServer server) {
    this.server = server;
  }

  public static ControlServer start(DevStack stack, int port) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
      server.createContext("/replay", exchange -> replay(stack, exchange));
      server.start();
      return new ControlServer(server);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static synchronized void replay(DevStack stack, HttpExchange exchange)
      throws IOException {
    String expected = "Bearer " + stack.info().adminToken();
    String given = exchange.getRequestHeaders().getFirst("Authorization");
    if (!"POST".equals(exchange.getRequestMethod())
        || given == null
        || !MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
      exchange.sendResponseHeaders(401, -1);
      exchange.close();
      return;
    }
    StringBuilder log = new StringBuilder();
    int status = 200;
    try {
      new Replay(stack, line -> log.append(line).append('\n')).run(CATCH_UP_TIMEOUT);
    } catch (Exception e) {
      status = 500;
      log.append("Replay failed: ").append(e.getMessage()).append('\n');
    }
    System.out.print(log);
    byte[] body = log.toString().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
