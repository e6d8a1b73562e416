package io.scanflow.devstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.scanflow.contract.AdminToken;
import io.scanflow.devstack.replay.Replay;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * A loopback-only endpoint of the running supervisor, so that {@code ./scanflow replay} in another
 * terminal can ask the process that owns the children to replay, and anyone can see what the
 * supervisor restarted ({@code GET /status}). Guarded by the admin token.
 */
public final class ControlServer implements AutoCloseable {
  /** A replay of a long history takes long (about 2,000 events/s on 2 shared cores). */
  public static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(60);

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;

  private ControlServer(HttpServer server) {
    this.server = server;
  }

  /** Listens on the loopback whatever {@code --bind} says: only the local CLI needs it. */
  public static ControlServer start(DevStack stack, int port) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(BindAddress.LOOPBACK.host(), port), 0);
      server.createContext("/replay", exchange -> replay(stack, exchange));
      server.createContext("/status", exchange -> status(stack, exchange));
      server.start();
      return new ControlServer(server);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code {"processes": [{"name", "pid", "state", "restarts", "last_exit"}, ...]}}. */
  private static void status(DevStack stack, HttpExchange exchange) throws IOException {
    if (!authorized(stack, exchange, "GET")) {
      return;
    }
    byte[] body = JSON.writeValueAsBytes(Map.of("processes", stack.supervisor().status()));
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  private static synchronized void replay(DevStack stack, HttpExchange exchange)
      throws IOException {
    if (!authorized(stack, exchange, "POST")) {
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

  /** Answers 401 and returns false unless it is {@code method} with the admin token. */
  private static boolean authorized(DevStack stack, HttpExchange exchange, String method)
      throws IOException {
    String given = exchange.getRequestHeaders().getFirst("Authorization");
    if (method.equals(exchange.getRequestMethod())
        && AdminToken.of(stack.info().adminToken()).acceptsBearer(given)) {
      return true;
    }
    exchange.sendResponseHeaders(401, -1);
    exchange.close();
    return false;
  }

  public InetSocketAddress address() {
    return server.getAddress();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
