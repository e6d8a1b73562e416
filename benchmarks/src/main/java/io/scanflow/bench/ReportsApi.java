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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The reads the benchmarks make on reports-sink: one event's trace and the pipeline state. */
final class ReportsApi implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The trace's {@code stage} of an event that is final and counted (reports-sink EventTrace). */
  private static final String STORED = "stored";

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

  /**
   * Whether {@code GET /api/sites/{site}/events/{id}} (with the site's own key) shows the event
   * stored: see {@link #stored}.
   */
  Future<Boolean> eventStored(String eventId) {
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
        .compose(
            response ->
                response.body().map(body -> stored(response.statusCode(), body.toString())));
  }

  /**
   * Visible means stored: the trace answered 200 and its {@code stage} is {@code stored}. A {@code
   * pending} event (waiting for its scan session) is in the tables but not yet counted, so it is
   * not visible yet; neither is a 404, any other status, or a body that is not a trace.
   */
  static boolean stored(int status, String body) {
    if (status != 200) {
      return false;
    }
    try {
      return STORED.equals(JSON.readTree(body).path("stage").asText());
    } catch (IOException e) {
      return false;
    }
  }

  /** {@code GET /api/pipeline} (admin token), or null if it cannot be read. */
  JsonNode pipeline() {
    return get("/api/pipeline", "Authorization", "Bearer " + stack.adminToken());
  }

  /**
   * The site's summary from {@code from} to {@code to} (site key), or null if it cannot be read.
   */
  JsonNode summary(LocalDate from, LocalDate to) {
    String path = "/api/sites/" + encode(stack.siteId()) + "/summary?from=" + from + "&to=" + to;
    return get(path, "X-API-Key", stack.apiKey());
  }

  /**
   * How many events named {@code eventName} the site's summary counts (the days around today in any
   * time zone), or -1 if it cannot be read. Each benchmark run sends its own event name, so this is
   * how many of its accepted events are visible, read in one cheap request.
   */
  long visibleEvents(String eventName) {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    String path =
        "/api/sites/"
            + encode(stack.siteId())
            + "/summary?from="
            + today.minusDays(1)
            + "&to="
            + today.plusDays(1);
    JsonNode summary = get(path, "X-API-Key", stack.apiKey());
    if (summary == null) {
      return -1;
    }
    for (JsonNode figures : summary.path("by_event_name")) {
      if (eventName.equals(figures.path("event_name").asText())) {
        return figures.path("events").asLong();
      }
    }
    return 0;
  }

  /**
   * Waits until {@code expected} events named {@code eventName} are visible, at most {@code limit};
   * returns the last count read (-1 if none could be read).
   */
  long awaitVisible(String eventName, long expected, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    long visible = visibleEvents(eventName);
    while (visible < expected && System.nanoTime() < deadline) {
      Thread.sleep(1_000);
      visible = visibleEvents(eventName);
    }
    return visible;
  }

  private JsonNode get(String path, String header, String value) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setAbsoluteURI(stack.reportsUrl().resolve(path).toString())
            .putHeader(header, value);
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
