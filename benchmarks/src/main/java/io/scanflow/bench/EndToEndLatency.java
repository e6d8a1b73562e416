package io.scanflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * End-to-end latency under sustained load: events are sent at a fixed rate, and for every n-th one
 * the reports API is polled from the moment of its 200 until it answers 200 for that event.
 */
final class EndToEndLatency {
  /** What the run measured; {@code missing} sampled events never became visible in time. */
  record Result(
      long sent,
      long accepted,
      long rejected,
      LatencyStats acceptLatency,
      LatencyStats visibleLatency,
      long sampled,
      long missing,
      long sweepChecked,
      long sweepMissing,
      JsonNode pipelineAtEnd,
      Duration elapsed) {}

  private final Vertx vertx;
  private final HttpLoad load;
  private final ReportsApi reports;
  private final Stack stack;
  private final EventBodies bodies;

  EndToEndLatency(Vertx vertx, HttpLoad load, ReportsApi reports, Stack stack, EventBodies bodies) {
    this.vertx = vertx;
    this.load = load;
    this.reports = reports;
    this.stack = stack;
    this.bodies = bodies;
  }

  Result run(
      int ratePerSecond,
      Duration duration,
      int sampleEvery,
      Duration pollInterval,
      Duration visibleTimeout)
      throws InterruptedException {
    long total = ratePerSecond * duration.toSeconds();
    RequestOptions post =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setAbsoluteURI(stack.ingestUrl().resolve("/server-events").toString())
            .putHeader("X-API-Key", stack.apiKey())
            .putHeader("Content-Type", "application/json");
    AtomicLong sent = new AtomicLong();
    LongAdder rejected = new LongAdder();
    LongAdder missing = new LongAdder();
    LatencyRecorder accept = new LatencyRecorder((int) total);
    LatencyRecorder visible = new LatencyRecorder((int) total);
    Queue<String> unsampled = new ConcurrentLinkedQueue<>();
    // One count per event: down when it is answered (and, if sampled, seen or given up on).
    CountDownLatch settled = new CountDownLatch((int) total);
    long start = System.nanoTime();
    long timer =
        vertx.setPeriodic(
            5,
            id -> {
              long due =
                  Math.min(total, (System.nanoTime() - start) * ratePerSecond / 1_000_000_000L);
              while (sent.get() < due) {
                long n = sent.incrementAndGet();
                String eventId = bodies.nextEventId();
                long sentAt = System.nanoTime();
                load.post(post, bodies.event(eventId))
                    .onComplete(
                        answer -> {
                          long acceptedAt = System.nanoTime();
                          if (answer.failed() || answer.result() != 200) {
                            rejected.increment();
                            settled.countDown();
                            return;
                          }
                          accept.record(acceptedAt - sentAt);
                          if (n % sampleEvery != 0) {
                            unsampled.add(eventId);
                            settled.countDown();
                            return;
                          }
                          long giveUpAt = acceptedAt + visibleTimeout.toNanos();
                          poll(
                              eventId,
                              acceptedAt,
                              giveUpAt,
                              pollInterval,
                              visible,
                              missing,
                              settled);
                        });
              }
            });
    boolean finished =
        settled.await(duration.plus(visibleTimeout).toSeconds() + 30, TimeUnit.SECONDS);
    vertx.cancelTimer(timer);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    if (!finished) {
      throw new IllegalStateException("End-to-end run did not settle within its deadline");
    }
    // Read before the sweep, so that the pipeline's own latency window ends with this run.
    JsonNode pipeline = reports.pipeline();
    long[] sweep = sweep(List.copyOf(unsampled), visibleTimeout);
    long accepted = total - rejected.sum();
    return new Result(
        total,
        accepted,
        rejected.sum(),
        accept.stats(),
        visible.stats(),
        total / sampleEvery,
        missing.sum(),
        sweep[0],
        sweep[1],
        pipeline,
        elapsed);
  }

  private void poll(
      String eventId,
      long acceptedAt,
      long giveUpAt,
      Duration interval,
      LatencyRecorder visible,
      LongAdder missing,
      CountDownLatch settled) {
    reports
        .eventStatus(eventId)
        .onComplete(
            answer -> {
              long now = System.nanoTime();
              if (answer.succeeded() && answer.result() == 200) {
                visible.record(now - acceptedAt);
                settled.countDown();
              } else if (now >= giveUpAt) {
                missing.increment();
                settled.countDown();
              } else {
                vertx.setTimer(
                    interval.toMillis(),
                    t -> poll(eventId, acceptedAt, giveUpAt, interval, visible, missing, settled));
              }
            });
  }

  /** Checks that every unsampled accepted event is visible too: {checked, still missing}. */
  private long[] sweep(List<String> eventIds, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    Queue<String> pending = new ConcurrentLinkedQueue<>(eventIds);
    LongAdder missing = new LongAdder();
    int lanes = 8;
    CountDownLatch done = new CountDownLatch(lanes);
    for (int i = 0; i < lanes; i++) {
      vertx.runOnContext(v -> sweepNext(pending, deadline, missing, done));
    }
    done.await(limit.toSeconds() + 30, TimeUnit.SECONDS);
    return new long[] {eventIds.size(), missing.sum() + pending.size()};
  }

  private void sweepNext(
      Queue<String> pending, long deadline, LongAdder missing, CountDownLatch done) {
    String eventId = pending.poll();
    if (eventId == null) {
      done.countDown();
      return;
    }
    reports
        .eventStatus(eventId)
        .onComplete(
            answer -> {
              if (answer.succeeded() && answer.result() == 200) {
                sweepNext(pending, deadline, missing, done);
              } else if (System.nanoTime() < deadline) {
                pending.add(eventId);
                vertx.setTimer(50, t -> sweepNext(pending, deadline, missing, done));
              } else {
                missing.increment();
                sweepNext(pending, deadline, missing, done);
              }
            });
  }
}
