package io.scanflow.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;

/**
 * The ceiling of single-event ingestion: a minimal Vert.x HTTP endpoint (the HTTP layer Quarkus
 * runs on) that reads the whole body and answers a fixed 200 JSON. Run in its own JVM by {@link
 * BenchmarkMain}; prints {@code LISTENING <port>} and stops when its standard input closes.
 */
public final class BareHttpServer {
  private static final Buffer ANSWER =
      Buffer.buffer(
          "{\"event_id\":\"00000000-0000-0000-0000-000000000000\",\"status\":\"accepted\"}");

  private BareHttpServer() {}

  public static void main(String[] args) throws IOException {
    Vertx vertx = Vertx.vertx();
    HttpServer server =
        vertx
            .createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
            .requestHandler(
                request ->
                    request
                        .body()
                        .onSuccess(
                            body ->
                                request
                                    .response()
                                    .putHeader("Content-Type", "application/json")
                                    .end(ANSWER)))
            .listen()
            .toCompletionStage()
            .toCompletableFuture()
            .join();
    System.out.println("LISTENING " + server.actualPort());
    System.out.flush();
    // The parent holds our stdin open; when it ends (or dies), so do we.
    while (System.in.read() != -1) {
      // discard
    }
    vertx.close();
    System.exit(0);
  }
}
