package io.scanflow.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Closed-loop HTTP load: {@code concurrency} clients, each sending its next POST as soon as the
 * previous answer arrived, for a fixed time and at most a fixed number of requests. The same client
 * drives the bare endpoint and ingest-api, so their figures compare.
 */
public final class HttpLoad implements AutoCloseable {
  private final Vertx vertx;
  private final HttpClient client;

  public HttpLoad(Vertx vertx, int concurrency) {
    this.vertx = vertx;
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true).setConnectTimeout(5_000),
            new PoolOptions().setHttp1MaxSize(concurrency).setMaxWaitQueueSize(-1));
  }

  /** What one run measured: answers by status, elapsed time and the latency of 200 answers. */
  public record Result(
      long ok,
      Map<Integer, Long> statuses,
      long failures,
      Duration elapsed,
      LatencyHistogram latency) {
    public double okPerSecond() {
      return ok / (elapsed.toNanos() / 1e9);
    }

    public long notOk() {
      return statuses.entrySet().stream()
              .filter(e -> e.getKey() != 200)
              .mapToLong(Map.Entry::getValue)
              .sum()
          + failures;
    }
  }

  /** Runs the load; {@code body} is called once per request, on an event-loop thread. */
  public Result run(
      URI target,
      Map<String, String> headers,
      Supplier<String> body,
      int concurrency,
      Duration duration,
      long maxRequests)
      throws InterruptedException {
    Stack.requireLoopbackUnchecked(target.getHost());
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    AtomicLong issued = new AtomicLong();
    LongAdder ok = new LongAdder();
    LongAdder failures = new LongAdder();
    Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    LatencyHistogram latencies = new LatencyHistogram();
    CountDownLatch done = new CountDownLatch(concurrency);
    RequestOptions options =
        new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(target.toString());
    headers.forEach(options::putHeader);
    options.putHeader("Content-Type", "application/json");
    Runnable[] workers = new Runnable[concurrency];
    for (int i = 0; i < concurrency; i++) {
      int worker = i;
      workers[i] =
          () -> {
            if (System.nanoTime() >= end || issued.incrementAndGet() > maxRequests) {
              done.countDown();
              return;
            }
            long sent = System.nanoTime();
            post(options, body.get())
                .onComplete(
                    answer -> {
                      if (answer.succeeded()) {
                        int status = answer.result().status();
                        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                        if (status == 200) {
                          ok.increment();
                          latencies.record(System.nanoTime() - sent);
                        }
                      } else {
                        failures.increment();
                      }
                      workers[worker].run();
                    });
          };
    }
    for (Runnable worker : workers) {
      vertx.runOnContext(v -> worker.run());
    }
    // Bounded: every worker stops at the deadline; allow the last answers a grace period.
    if (!done.await(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("Load run did not finish within its deadline");
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    Map<Integer, Long> byStatus = new TreeMap<>();
    statuses.forEach((status, count) -> byStatus.put(status, count.sum()));
    return new Result(ok.sum(), byStatus, failures.sum(), elapsed, latencies);
  }

  /**
   * An answer's status, whether it said when to retry ({@code Retry-After}), and when the pool
   * handed the request a connection ({@link System#nanoTime}): before that it waited in the client.
   */
  public record Answer(int status, boolean retryAfter, long connectedAt) {}

  /** One POST; completes with the answer once its whole body has been read. */
  Future<Answer> post(RequestOptions options, String body) {
    return client
        .request(options)
        .compose(
            request -> {
              long connectedAt = System.nanoTime();
              return request
                  .send(Buffer.buffer(body))
                  .compose(
                      response ->
                          response
                              .body()
                              .map(
                                  ignored ->
                                      new Answer(
                                          response.statusCode(),
                                          response.getHeader("Retry-After") != null,
                                          connectedAt)));
            });
  }

  @Override
  public void close() {
    client.close().toCompletionStage().toCompletableFuture().join();
  }
}
