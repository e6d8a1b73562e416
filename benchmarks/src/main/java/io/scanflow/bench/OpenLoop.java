package io.scanflow.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Open-loop load: events are sent on a fixed schedule whatever the answers (so a queue at ingest
 * shows as latency instead of slowing the load down), and every n-th accepted one is followed in
 * the reports API until it is stored there, looked up as {@link PollSchedule} says. Each event's
 * clock starts at its scheduled send time and stops when the lookup that sees it stored answers: a
 * late lookup can only make a latency longer, never shorter.
 */
final class OpenLoop {
  /** What one run sends and how it follows events. */
  record Plan(
      int ratePerSecond,
      Duration duration,
      int sampleEvery,
      PollSchedule polling,
      Duration visibleTimeout,
      Duration answerTimeout) {
    long total() {
      return ratePerSecond * duration.toMillis() / 1_000;
    }
  }

  /** What one run measured; statuses are counted per HTTP status, no answer at all apart. */
  record Result(
      Plan plan,
      long sent,
      Map<Integer, Long> statuses,
      long unavailableWithoutRetryAfter,
      long noAnswer,
      LatencyHistogram answers,
      LatencyHistogram ingestAnswers,
      LatencyHistogram connectionWaits,
      LatencyHistogram sendToVisible,
      LatencyHistogram acceptToVisible,
      long followed,
      long followedMissing,
      long lookups,
      Duration sending) {
    long status(int status) {
      return statuses.getOrDefault(status, 0L);
    }

    long accepted() {
      return status(200);
    }

    /** Every request not answered 200: another status, or no answer within the answer timeout. */
    long notAccepted() {
      return sent - accepted();
    }

    /**
     * The accepted events not visible: those the reports did not count ({@code visible} of them
     * were; -1 when unreadable, which makes every accepted event missing, never a silent pass), or
     * the followed ones that never showed, whichever is more.
     */
    long missing(long visible) {
      return Math.max(accepted() - Math.max(visible, 0), followedMissing);
    }

    double sentPerSecond() {
      return sending.isZero() ? Double.NaN : sent / (sending.toNanos() / 1e9);
    }

    /**
     * The lookups of the followed events per second of the run's duration: what following them
     * added to the reports API's and PostgreSQL's load (those of the last events, looked up after
     * the sending ended, stand for those of the events before the first ones became visible).
     */
    double lookupsPerSecond() {
      return lookups / (plan.duration().toNanos() / 1e9);
    }
  }

  /** The counters of one run, shared by the event-loop callbacks. */
  private static final class Tally {
    final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    final LongAdder unavailableWithoutRetryAfter = new LongAdder();
    final LongAdder noAnswer = new LongAdder();
    final LongAdder followed = new LongAdder();
    final LongAdder followedMissing = new LongAdder();
    final LongAdder lookups = new LongAdder();
    final LatencyHistogram answers = new LatencyHistogram();
    final LatencyHistogram ingestAnswers = new LatencyHistogram();
    final LatencyHistogram connectionWaits = new LatencyHistogram();
    final LatencyHistogram sendToVisible = new LatencyHistogram();
    final LatencyHistogram acceptToVisible = new LatencyHistogram();
    final CountDownLatch settled;

    Tally(long total) {
      settled = new CountDownLatch(Math.toIntExact(total));
    }

    Map<Integer, Long> statuses() {
      Map<Integer, Long> counts = new TreeMap<>();
      statuses.forEach((status, count) -> counts.put(status, count.sum()));
      return counts;
    }
  }

  private final Vertx vertx;
  private final HttpLoad load;
  private final ReportsApi reports;
  private final Stack stack;

  OpenLoop(Vertx vertx, HttpLoad load, ReportsApi reports, Stack stack) {
    this.vertx = vertx;
    this.load = load;
    this.reports = reports;
    this.stack = stack;
  }

  Result run(Plan plan, EventBodies bodies) throws InterruptedException {
    long total = plan.total();
    RequestOptions post =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setAbsoluteURI(stack.ingestUrl().resolve("/server-events").toString())
            .setIdleTimeout(plan.answerTimeout().toMillis())
            .putHeader("X-API-Key", stack.apiKey())
            .putHeader("Content-Type", "application/json");
    Tally tally = new Tally(total);
    AtomicLong sent = new AtomicLong();
    AtomicLong lastSentAt = new AtomicLong();
    long start = System.nanoTime();
    double nanosPerEvent = 1e9 / plan.ratePerSecond();
    long timer =
        vertx.setPeriodic(
            5,
            id -> {
              long due = Math.min(total, (long) ((System.nanoTime() - start) / nanosPerEvent) + 1);
              while (sent.get() < due) {
                long n = sent.incrementAndGet();
                long scheduledAt = start + (long) ((n - 1) * nanosPerEvent);
                send(post, bodies, plan, n, scheduledAt, tally);
                lastSentAt.set(System.nanoTime());
              }
            });
    Duration bound =
        plan.duration().plus(plan.answerTimeout()).plus(plan.visibleTimeout()).plusSeconds(30);
    boolean finished = tally.settled.await(bound.toSeconds(), TimeUnit.SECONDS);
    vertx.cancelTimer(timer);
    if (!finished) {
      throw new IllegalStateException("Open-loop run did not settle within " + bound);
    }
    return new Result(
        plan,
        sent.get(),
        tally.statuses(),
        tally.unavailableWithoutRetryAfter.sum(),
        tally.noAnswer.sum(),
        tally.answers,
        tally.ingestAnswers,
        tally.connectionWaits,
        tally.sendToVisible,
        tally.acceptToVisible,
        tally.followed.sum(),
        tally.followedMissing.sum(),
        tally.lookups.sum(),
        Duration.ofNanos(Math.max(0, lastSentAt.get() - start)));
  }

  private void send(
      RequestOptions post, EventBodies bodies, Plan plan, long n, long scheduledAt, Tally tally) {
    String eventId = bodies.nextEventId();
    load.post(post, bodies.event(eventId))
        .onComplete(
            outcome -> {
              long answeredAt = System.nanoTime();
              if (outcome.failed()) {
                tally.noAnswer.increment();
                tally.settled.countDown();
                return;
              }
              HttpLoad.Answer answer = outcome.result();
              tally.answers.record(answeredAt - scheduledAt);
              tally.ingestAnswers.record(answeredAt - answer.connectedAt());
              tally.connectionWaits.record(Math.max(0, answer.connectedAt() - scheduledAt));
              tally.statuses.computeIfAbsent(answer.status(), s -> new LongAdder()).increment();
              if (answer.status() == 503 && !answer.retryAfter()) {
                tally.unavailableWithoutRetryAfter.increment();
              }
              if (answer.status() != 200 || n % plan.sampleEvery() != 0) {
                tally.settled.countDown();
                return;
              }
              tally.followed.increment();
              Follow follow =
                  new Follow(
                      eventId,
                      scheduledAt,
                      answeredAt,
                      answeredAt + plan.visibleTimeout().toNanos(),
                      plan.polling());
              pollLater(follow, answeredAt, tally);
            });
  }

  /** One accepted event followed until the reports API shows it stored, or until its deadline. */
  private record Follow(
      String eventId, long scheduledAt, long acceptedAt, long giveUpAt, PollSchedule polling) {}

  private void pollLater(Follow follow, long now, Tally tally) {
    long delay = follow.polling().nextDelayMillis(now - follow.acceptedAt());
    vertx.setTimer(delay, t -> poll(follow, tally));
  }

  private void poll(Follow follow, Tally tally) {
    tally.lookups.increment();
    reports
        .eventStored(follow.eventId())
        .onComplete(
            answer -> {
              long now = System.nanoTime();
              if (answer.succeeded() && answer.result()) {
                tally.sendToVisible.record(now - follow.scheduledAt());
                tally.acceptToVisible.record(now - follow.acceptedAt());
                tally.settled.countDown();
              } else if (now >= follow.giveUpAt()) {
                tally.followedMissing.increment();
                tally.settled.countDown();
              } else {
                pollLater(follow, now, tally);
              }
            });
  }
}
