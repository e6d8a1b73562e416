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
import java.util.concurrent.TimeUnit;

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
    } catch (IOException | RuntimeException | java.util.concurrent.ExecutionException e) {
      return null;
    } catch (java.util.concurrent.TimeoutException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /**
   * Waits until every stage's consumer lag is 0, so that one benchmark's backlog does not steal CPU
   * from the next. Returns how long it took, or null if it did not drain within {@code limit}.
   */
  Duration awaitDrained(Duration limit) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (totalLag(pipeline()) == 0) {
        return Duration.ofNanos(System.nanoTime() - start);
      }
      Thread.sleep(1_000);
    }
    return null;
  }

  /** Sum of the stages' lag; -1 when unknown (no answer, or a stage without a lag yet). */
  static long totalLag(JsonNode pipeline) {
    if (pipeline == null || !pipeline.path("stages").isArray()) {
      return -1;
    }
    long total = 0;
    for (JsonNode stage : pipeline.path("stages")) {
      if (!stage.path("lag").isNumber()) {
        return -1;
      }
      total += stage.path("lag").asLong();
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
