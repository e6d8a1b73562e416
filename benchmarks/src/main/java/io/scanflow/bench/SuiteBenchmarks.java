package io.scanflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The suite of {@code benchmarks/run}: the service-level benchmarks of pipeline.md section 7
 * against a running dev stack, each result printed next to its ceiling measured in the same run.
 */
final class SuiteBenchmarks {
  private SuiteBenchmarks() {}

  static void run(BenchOptions options) throws Exception {
    Stack stack = Stack.read(options.home());
    ResultsTable table = new ResultsTable();
    table.condition("Date: " + Instant.now().truncatedTo(ChronoUnit.SECONDS));
    table.condition("Machine: " + Conditions.machine());
    table.condition("Load average (1/5/15 min) at start: " + Conditions.loadAverage());
    table.condition(
        "Stack: "
            + stack.ingestUrl()
            + ", "
            + stack.reportsUrl()
            + ", Kafka "
            + stack.kafkaBootstrap());

    BenchSetup setup = new BenchSetup(stack);
    List<String> sessions = setup.createScanSessions(options.common().sessions);
    EventBodies bodies = new EventBodies(stack.siteId(), sessions);
    setup.requireBatchAccepted(bodies.batch(options.batchSize()), options.batchSize());

    // Two event loops: the client must not take more of the 2 cores than the server it measures.
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    try (HttpLoad load = new HttpLoad(vertx, options.maxClients());
        ReportsApi reports = new ReportsApi(vertx, stack, 32)) {
      if (options.only().contains("e2e")) {
        endToEnd(vertx, load, reports, stack, bodies, options, table);
      }
      ThroughputBenchmarks throughput =
          new ThroughputBenchmarks(load, stack, bodies, options, table);
      if (options.only().contains("single")) {
        for (int clients : options.clients()) {
          drain(reports, options, table, "before single-event ingestion, " + clients + " clients");
          throughput.single(clients);
        }
      }
      if (options.only().contains("ingest-only")) {
        for (int clients : options.clients()) {
          drain(reports, options, table, "before ingest-only, " + clients + " clients");
          throughput.ingestOnly(clients);
        }
      }
      boolean batch = options.only().contains("batch");
      boolean batchIngestOnly = options.only().contains("batch-ingest-only");
      if (batch || batchIngestOnly) {
        throughput.batch(
            new KafkaCeiling(stack.kafkaBootstrap()),
            when -> drain(reports, options, table, when),
            batch,
            batchIngestOnly);
      }
      drain(reports, options, table, "at the end");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
    table.condition("Load average (1/5/15 min) at end: " + Conditions.loadAverage());
    table.print();
    if (options.common().markdown != null) {
      table.write(options.common().markdown);
    }
  }

  private static void endToEnd(
      Vertx vertx,
      HttpLoad load,
      ReportsApi reports,
      Stack stack,
      EventBodies bodies,
      BenchOptions options,
      ResultsTable table)
      throws InterruptedException {
    OpenLoop openLoop = new OpenLoop(vertx, load, reports, stack);
    // Warm-up at the same rate: the first seconds of fresh service JVMs measure the JIT.
    System.out.printf(
        "%n>> end-to-end: warm-up %d s at %d events/s%n",
        options.warmup().toSeconds(), options.rate());
    openLoop.run(plan(options, options.warmup()), bodies.named("e2e-warmup-" + bodies.runId()));
    drain(reports, options, table, "after the end-to-end warm-up");
    System.out.printf(
        "%n>> end-to-end: %d events/s for %d s, following every %d-th%n",
        options.rate(), options.e2eDuration().toSeconds(), options.sampleEvery());
    EventBodies measured = bodies.named("e2e-" + bodies.runId());
    OpenLoop.Result result = openLoop.run(plan(options, options.e2eDuration()), measured);
    // Read before waiting for the rest, so that the pipeline's own latency window ends here.
    JsonNode pipeline = reports.pipeline();
    long visible =
        reports.awaitVisible(
            measured.eventName(), result.accepted(), options.common().visibleTimeout);
    long missing = result.missing(visible);
    double p99 = result.sendToVisible().percentile(99);
    // The same rule as a capacity step: every request answered 200, p99 <= 2 s, nothing missing.
    List<String> failures =
        Verdicts.capacity(
            StepFigures.of(result, visible, options.common().answerTimeout, Map.of()));
    table.add(
        new ResultsTable.Row(
            String.format(
                "End-to-end: POST /server-events sent until GET /api/sites/{site}/events/{id}"
                    + " shows it stored; %d events/s for %d s, %d followed (lookups %d ms apart"
                    + " at first, then age/20; %s lookups/s)",
                options.rate(),
                options.e2eDuration().toSeconds(),
                result.followed(),
                options.common().pollInterval.toMillis(),
                Format.rate(result.lookupsPerSecond())),
            "from the send: "
                + result.sendToVisible().summary()
                + "; from the 200: "
                + result.acceptToVisible().summary(),
            "target (pipeline.md §7): p99 from the send <= 2000 ms, 0 missing",
            failures.isEmpty()
                ? "MET: p99 " + Format.millis(p99) + " ms"
                : "NOT MET: " + String.join("; ", failures),
            String.format(
                "missing (not visible within %d s): %d of %d accepted; not answered 200: %d"
                    + " (%s, no answer %d); ingest answer %s; /api/pipeline e2e latency: %s;"
                    + " load avg after: %s",
                options.common().visibleTimeout.toSeconds(),
                missing,
                result.accepted(),
                result.notAccepted(),
                result.statuses(),
                result.noAnswer(),
                result.answers().summary(),
                pipelineLatency(pipeline),
                Conditions.loadAverage())));
  }

  private static OpenLoop.Plan plan(BenchOptions options, Duration duration) {
    return new OpenLoop.Plan(
        options.rate(),
        duration,
        options.sampleEvery(),
        options.common().polling(),
        options.common().visibleTimeout,
        options.common().answerTimeout);
  }

  private static String pipelineLatency(JsonNode pipeline) {
    if (pipeline == null) {
      return "unavailable";
    }
    JsonNode latency = pipeline.path("end_to_end_latency");
    return String.format(
        "p50 %s / p99 %s ms over %s events in the last %s s",
        latency.path("p50_ms").asText("n/a"),
        latency.path("p99_ms").asText("n/a"),
        latency.path("events").asText("n/a"),
        latency.path("window_seconds").asText("n/a"));
  }

  private static void drain(
      ReportsApi reports, BenchOptions options, ResultsTable table, String when)
      throws InterruptedException {
    System.out.println(">> waiting for the pipeline to catch up " + when);
    Duration took = reports.awaitDrained(options.common().drainTimeout);
    table.condition(
        took == null
            ? "Pipeline did NOT catch up "
                + when
                + " within "
                + options.common().drainTimeout.toSeconds()
                + " s"
            : "Pipeline caught up " + when + " in " + took.toSeconds() + " s");
  }
}
