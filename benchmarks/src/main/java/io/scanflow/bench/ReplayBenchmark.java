package io.scanflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code benchmarks/run replay}: loads {@link ReplayEvents} into Kafka, lets the live pipeline
 * count them, then replays through the stack's control endpoint (the same request {@code ./scanflow
 * replay} makes) and compares the site's summary before and after.
 */
final class ReplayBenchmark {
  private final ReplayOptions options;
  private final Stack stack;
  private final ReportsApi reports;
  private final List<String> conditions = new ArrayList<>();

  private ReplayBenchmark(ReplayOptions options, Stack stack, ReportsApi reports) {
    this.options = options;
    this.stack = stack;
    this.reports = reports;
  }

  /** Returns true when the summary after the replay equals the one before. */
  static boolean run(ReplayOptions options) throws Exception {
    Stack stack = Stack.read(options.common.home);
    if (stack.controlUrl() == null) {
      throw new IllegalStateException(
          "dev-stack.json has no control_url: the replay benchmark needs ./scanflow up");
    }
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    try (ReportsApi reports = new ReportsApi(vertx, stack, 4)) {
      return new ReplayBenchmark(options, stack, reports).measure();
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }

  private boolean measure() throws Exception {
    condition("Date: " + Instant.now().truncatedTo(ChronoUnit.SECONDS));
    condition("Machine: " + Conditions.machine());
    ReplayEvents events =
        new ReplayEvents(
            stack.siteId(),
            UUID.randomUUID().toString().substring(0, 8),
            options.events,
            options.common.sessions,
            options.duplicatePercent,
            options.unknownSessionPercent,
            Instant.now().minus(options.span),
            options.span);
    if (!loadAndAwaitCounted(events)) {
      condition("The live pipeline did NOT count every event within the drain timeout; stopped");
      report();
      return false;
    }
    JsonNode before = summary();
    if (before == null) {
      condition("The summary could not be read before the replay; stopped");
      report();
      return false;
    }
    long replayed = new TopicSize(stack.kafkaBootstrap()).records("server-events");
    condition("Load average (1/5/15 min) before the replay: " + Conditions.loadAverage());
    measureReplay(replayed);
    boolean identical = compareWith(before);
    report();
    return identical;
  }

  /** Writes the events and waits until the site's summary counts all of them. */
  private boolean loadAndAwaitCounted(ReplayEvents events) throws Exception {
    condition(
        String.format(
            "Loaded %,d receipts (%,d duplicates, %d %% of events with an unknown session) over %d"
                + " sessions, event_name %s",
            events.count(),
            events.duplicates(),
            options.unknownSessionPercent,
            options.common.sessions,
            events.eventName()));
    JsonNode initial = summary();
    long expectedEvents = figure(initial, "events") + events.count() - events.duplicates();
    long expectedDuplicates = figure(initial, "duplicates") + events.duplicates();
    Duration loading = load(events);
    condition(
        String.format(
            "Written to Kafka in %.1f s (%s receipts/s)",
            seconds(loading), Format.rate(events.count() / seconds(loading))));
    Duration live =
        awaitSummary(
            summary ->
                figure(summary, "events") == expectedEvents
                    && figure(summary, "duplicates") == expectedDuplicates,
            options.common.drainTimeout);
    if (live != null) {
      condition(String.format("Live pipeline counted them %.1f s after the load", seconds(live)));
    }
    return initial != null && live != null;
  }

  /** Replays and reports its phases: the headline is from the request to lag 0. */
  private void measureReplay(long replayed) throws Exception {
    long startedAt = System.nanoTime();
    String log = replay();
    double answered = (System.nanoTime() - startedAt) / 1e9;
    String loadAtEnd = Conditions.loadAverage();
    System.out.print(log);
    ReplayLog phases = ReplayLog.parse(log);
    double caughtUp = phases.caughtUpAt().orElse(answered);
    condition(
        String.format(
            "Replay of %,d server-events records: %.1f s from the request to lag 0 on every stage"
                + " (stop, reset, start, catch-up) = %s events/s",
            replayed, caughtUp, Format.rate(replayed / caughtUp)));
    phases
        .startedAt()
        .ifPresent(
            started ->
                condition(
                    String.format(
                        "Catch-up alone (services started to lag 0): %.1f s = %s events/s",
                        caughtUp - started, Format.rate(replayed / (caughtUp - started)))));
    phases
        .readyAt()
        .ifPresent(
            ready ->
                condition(
                    String.format(
                        "Processing alone (services ready to lag 0): %.1f s = %s events/s",
                        caughtUp - ready, Format.rate(replayed / (caughtUp - ready)))));
    condition(
        String.format(
            "The replay command answered after %.1f s (with the restart into live settings)",
            answered));
    condition("Load average (1/5/15 min) when the replay answered: " + loadAtEnd);
  }

  /** Whether the summary, once the pipeline shows lag 0, comes to equal {@code before}. */
  private boolean compareWith(JsonNode before) throws InterruptedException {
    Duration drained = reports.awaitDrained(options.common.drainTimeout);
    condition(
        drained == null
            ? "/api/pipeline did NOT show lag 0 after the replay"
            : "/api/pipeline shows lag 0 on every stage");
    Duration settled = awaitSummary(before::equals, options.settleTimeout);
    condition(
        settled != null
            ? String.format(
                "Summary after the replay EQUALS the one before (%.1f s after lag 0: events waiting"
                    + " for a session are released after the pending timeout)",
                seconds(settled))
            : "Summary after the replay DIFFERS from the one before:\n  before: "
                + before
                + "\n  after:  "
                + summary());
    return settled != null;
  }

  /** Writes the sessions, then the receipts, as fast as the producer takes them. */
  private Duration load(ReplayEvents events) throws Exception {
    long started = System.nanoTime();
    AtomicReference<Exception> failed = new AtomicReference<>();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafkaBootstrap(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                20,
                ProducerConfig.BATCH_SIZE_CONFIG,
                256 * 1024),
            new StringSerializer(),
            new ByteArraySerializer())) {
      for (ReplayEvents.Record session : events.sessions()) {
        send(producer, "scan-sessions", session, failed);
      }
      producer.flush();
      for (long i = 0; i < events.count() && failed.get() == null; i++) {
        send(producer, "server-events", events.receipt(i), failed);
        if (i % 100_000 == 99_999) {
          System.out.printf("   written %,d%n", i + 1);
        }
      }
      producer.flush();
    }
    if (failed.get() != null) {
      throw failed.get();
    }
    return Duration.ofNanos(System.nanoTime() - started);
  }

  private static void send(
      KafkaProducer<String, byte[]> producer,
      String topic,
      ReplayEvents.Record record,
      AtomicReference<Exception> failed) {
    producer.send(
        new ProducerRecord<>(topic, null, record.timestamp(), record.key(), record.value()),
        (metadata, e) -> {
          if (e != null) {
            failed.compareAndSet(null, e);
          }
        });
  }

  /** {@code POST /replay} on the supervisor's control endpoint; returns its log. */
  private String replay() throws Exception {
    System.out.println(">> replaying (POST " + stack.controlUrl() + "/replay)");
    HttpRequest request =
        HttpRequest.newBuilder(stack.controlUrl().resolve("/replay"))
            .header("Authorization", "Bearer " + stack.adminToken())
            .timeout(options.replayTimeout)
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "The replay answered " + response.statusCode() + ":\n" + response.body());
    }
    return response.body();
  }

  /** The site's summary over the days of the loaded events, or null if it cannot be read. */
  private JsonNode summary() {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    LocalDate from =
        LocalDate.ofInstant(Instant.now().minus(options.span), ZoneOffset.UTC).minusDays(1);
    return reports.summary(from, today.plusDays(1));
  }

  private static long figure(JsonNode summary, String name) {
    return summary == null ? -1 : summary.path(name).asLong(-1);
  }

  /** Waits until the summary passes {@code test}; how long it took, or null after {@code limit}. */
  private Duration awaitSummary(java.util.function.Predicate<JsonNode> test, Duration limit)
      throws InterruptedException {
    long started = System.nanoTime();
    long deadline = started + limit.toNanos();
    while (true) {
      JsonNode summary = summary();
      if (summary != null && test.test(summary)) {
        return Duration.ofNanos(System.nanoTime() - started);
      }
      if (System.nanoTime() > deadline) {
        return null;
      }
      Thread.sleep(1_000);
    }
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }

  private void condition(String line) {
    conditions.add(Objects.requireNonNull(line));
    System.out.println("-- " + line);
  }

  private void report() throws java.io.IOException {
    StringBuilder markdown = new StringBuilder();
    conditions.forEach(line -> markdown.append("- ").append(line).append('\n'));
    System.out.println();
    System.out.println("==================== REPLAY ====================");
    System.out.print(markdown);
    if (options.common.markdown != null) {
      ResultsTable.write(options.common.markdown, markdown.toString());
    }
  }
}
