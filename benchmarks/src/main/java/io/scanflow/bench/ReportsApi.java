package io.scanflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The reads the benchmarks make on reports-sink: one event's trace and the pipeline state. */
final class ReportsApi implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Stack stack;
  private final HttpClient client;

  ReportsApi(Vertx vertx, Stack stack, int connections) {
    Stack.requireLoopbackUnchecked(stack.reportsUrl().getHost());
    this.stack = stack;
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true).setConnectTimeout(5_000),
            new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
  }

  /** Status of {@code GET /api/sites/{site}/events/{id}} with the site's own key: 200 = visible. */
  Future<Integer> eventStatus(String eventId) {
    URI uri =
        stack
            .reportsUrl()
            .resolve("/api/sites/" + encode(stack.siteId()) + "/events/" + encode(eventId));
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setAbsoluteURI(uri.toString())
            .putHeader("X-API-Key", stack.apiKey());
    return client
        .request(options)
        .compose(request -> request.send())
        .compose(response -> response.body().map(ignored -> response.statusCode()));
  }

  /** {@code GET /api/pipeline} (admin token), or null if it cannot be read. */
  JsonNode pipeline() {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setAbsoluteURI(stack.reportsUrl().resolve("/api/pipeline").toString())
            .putHeader("Authorization", "Bearer " + stack.adminToken());
    try {
      String body =
          client
              .request(options)
              .compose(request -> request.send())
              .compose(
                  response ->
                      response.statusCode() == 200
                          ? response.body().map(b -> b.toString())
                          : Future.succeededFuture((String) null))
              .toCompletionStage()
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
      return body == null ? null : JSON.readTree(body);
    } catch (IOException | RuntimeException | ExecutionException | TimeoutException e) {
      return null; // the caller treats an unreadable state as "not caught up yet"
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /**
   * Waits until the pipeline has caught up, so that one benchmark's backlog does not steal CPU from
   * the next. Returns how long it took, or null if it did not catch up within {@code limit}.
   */
  Duration awaitDrained(Duration limit) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + limit.toNanos();
    long previous = -1;
    while (System.nanoTime() < deadline) {
      long lag = totalLag(pipeline());
      // Caught up: no lag in two readings in a row, so that a record between stages (committed
      // by one, not yet counted for the next in the same reading) cannot pass for nothing.
      if (lag == 0 && previous == 0) {
        return Duration.ofNanos(System.nanoTime() - start);
      }
      previous = lag;
      Thread.sleep(2_000);
    }
    return null;
  }

  /**
   * The lag of all stages together as {@code /api/pipeline} reports it (the shared lag reader:
   * transaction markers discounted, so a caught-up pipeline shows 0), or -1 when it is not known:
   * no answer, or a stage whose lag Kafka could not give. A group without offsets yet ({@code
   * no_offsets}) has consumed nothing and counts as 0.
   */
  static long totalLag(JsonNode pipeline) {
    if (pipeline == null || !pipeline.path("stages").isArray()) {
      return -1;
    }
    long total = 0;
    for (JsonNode stage : pipeline.path("stages")) {
      if ("no_offsets".equals(stage.path("status").asText())) {
        continue;
      }
      JsonNode lag = stage.path("lag");
      if (!lag.isNumber()) {
        return -1;
      }
      total += lag.asLong();
    }
    return total;
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public void close() {
    client.close().toCompletionStage().toCompletableFuture().join();
  }
}
