package io.scanflow.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * One API key sending as fast as it can for a while to every instance at once (a few threads each,
 * so that a slow instance does not hold up a fast one); it counts what was admitted (200) and when
 * it sent.
 *
 * <p>A request whose connection closed without an answer (seen once in CI, among some 20,000
 * requests: "HTTP/1.1 header parser received no bytes" on a reused keep-alive connection) is
 * counted as unanswered, not as a failure: the server may or may not have taken a token for it, so
 * an upper bound must count it as admitted and a lower bound as refused ({@link Result}).
 */
final class KeyFlood {
  private static final int THREADS_PER_INSTANCE = 3;

  private final List<URI> instances;
  private final String key;
  private final String event;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong admitted = new AtomicLong();
  private final AtomicLong unanswered = new AtomicLong();
  private final AtomicReference<IOException> firstUnanswered = new AtomicReference<>();
  private final LongAccumulator firstSent = new LongAccumulator(Math::min, Long.MAX_VALUE);
  private final LongAccumulator firstRefused = new LongAccumulator(Math::min, Long.MAX_VALUE);
  private final LongAccumulator lastSent = new LongAccumulator(Math::max, Long.MIN_VALUE);
  private final LongAccumulator lastAnswered = new LongAccumulator(Math::max, Long.MIN_VALUE);

  /**
   * What one flood admitted. {@code longest}: from the first request sent to the last answer, the
   * most the key's bucket can have refilled for. {@code refusing}: from the first 429 answered to
   * the last request sent; the bucket was empty at that 429, and from then on the flood kept it
   * from filling up, so none of its refill was lost. {@code unanswered}: requests whose connection
   * closed without an answer ({@code firstUnanswered} the first such error, or null).
   */
  record Result(
      long sent,
      long admitted,
      long unanswered,
      IOException firstUnanswered,
      Duration longest,
      Duration refusing) {
    /** The most the instances may have admitted: what they answered 200, and every unanswered. */
    long admittedAtMost() {
      return admitted + unanswered;
    }

    /** The most one exact token bucket of {@code perMinute}, full at the start, admits. */
    double oneBucketAllows(int perMinute) {
      return perMinute + perMinute * longest.toNanos() / 60e9;
    }

    /**
     * The least one exact bucket admits: all it held before the first 429, and its refill since,
     * but for the token or two left when the flood stopped. However slow the client.
     */
    double oneBucketAdmitsAtLeast(int perMinute) {
      if (refusing.isNegative()) {
        return sent; // nothing was refused
      }
      return perMinute + perMinute * refusing.toNanos() / 60e9 - 2;
    }
  }

  private KeyFlood(List<URI> instances, String key, String event) {
    this.instances = instances;
    this.key = key;
    this.event = event;
  }

  static Result run(List<URI> instances, String key, String event, Duration length)
      throws Exception {
    return new KeyFlood(instances, key, event).run(length);
  }

  private Result run(Duration length) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(THREADS_PER_INSTANCE * instances.size());
    try {
      long until = System.nanoTime() + length.toNanos();
      List<Future<?>> senders = new ArrayList<>();
      for (int i = 0; i < THREADS_PER_INSTANCE * instances.size(); i++) {
        URI instance = instances.get(i % instances.size());
        senders.add(
            threads.submit(
                () -> {
                  while (System.nanoTime() < until) {
                    send(instance);
                  }
                  return null;
                }));
      }
      for (Future<?> sender : senders) {
        sender.get();
      }
    } finally {
      threads.shutdownNow();
    }
    return new Result(
        sent.get(),
        admitted.get(),
        unanswered.get(),
        firstUnanswered.get(),
        Duration.ofNanos(lastAnswered.get() - firstSent.get()),
        firstRefused.get() == Long.MAX_VALUE
            ? Duration.ofNanos(-1)
            : Duration.ofNanos(lastSent.get() - firstRefused.get()));
  }

  private void send(URI instance) throws Exception {
    sent.incrementAndGet();
    HttpRequest request =
        HttpRequest.newBuilder(instance.resolve("/server-events/validate"))
            .header("X-API-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString(event))
            .build();
    long at = System.nanoTime();
    firstSent.accumulate(at);
    lastSent.accumulate(at);
    HttpResponse<String> answer;
    try {
      answer = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException closedWithoutAnswer) {
      lastAnswered.accumulate(System.nanoTime());
      unanswered.incrementAndGet();
      firstUnanswered.compareAndSet(null, closedWithoutAnswer);
      return;
    }
    long answered = System.nanoTime();
    lastAnswered.accumulate(answered);
    assertThat(answer.statusCode()).as(answer.body()).isIn(200, 429);
    if (answer.statusCode() == 200) {
      admitted.incrementAndGet();
    } else {
      firstRefused.accumulate(answered);
    }
  }
}
