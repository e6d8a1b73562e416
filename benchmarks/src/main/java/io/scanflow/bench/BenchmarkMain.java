package io.scanflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Runs the service-level benchmarks of pipeline.md section 7 against a running dev stack and prints
 * each result next to its ceiling measured in the same run.
 */
public final class BenchmarkMain {
  /** pipeline.md section 7: accepted events visible in the reports API within 2 s at p99. */
  static final double VISIBLE_P99_TARGET_MS = 2_000;

  private BenchmarkMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.print(BenchOptions.USAGE);
      return;
    }
    BenchOptions options = BenchOptions.parse(args);
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
    List<String> sessions = setup.createScanSessions(options.sessions());
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
      if (options.only().contains("batch")) {
        throughput.batch(
            new KafkaCeiling(stack.kafkaBootstrap()), when -> drain(reports, options, table, when));
      }
      drain(reports, options, table, "at the end");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
    table.condition("Load average (1/5/15 min) at end: " + Conditions.loadAverage());
    table.print();
    if (options.markdown() != null) {
      table.write(options.markdown());
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
    EndToEndLatency benchmark = new EndToEndLatency(vertx, load, reports, stack, bodies);
    // Warm-up at the same rate: the first seconds of fresh service JVMs measure the JIT.
    System.out.printf(
        "%n>> end-to-end: warm-up %d s at %d events/s%n",
        options.warmup().toSeconds(), options.rate());
    benchmark.run(
        options.rate(),
        options.warmup(),
        options.sampleEvery(),
        options.pollInterval(),
        options.visibleTimeout());
    drain(reports, options, table, "after the end-to-end warm-up");
    System.out.printf(
        "%n>> end-to-end: %d events/s for %d s, following every %d-th%n",
        options.rate(), options.e2eDuration().toSeconds(), options.sampleEvery());
    EndToEndLatency.Result result =
        benchmark.run(
            options.rate(),
            options.e2eDuration(),
            options.sampleEvery(),
            options.pollInterval(),
            options.visibleTimeout());
    double p99 = result.visibleLatency().percentile(99);
    boolean met = result.missing() == 0 && p99 <= VISIBLE_P99_TARGET_MS;
    table.add(
        new ResultsTable.Row(
            String.format(
                "End-to-end: 200 from POST /server-events until GET /api/sites/{site}/events/{id}"
                    + " = 200; %d events/s for %d s, %d followed (poll every %d ms)",
                options.rate(),
                options.e2eDuration().toSeconds(),
                result.visibleLatency().count() + result.missing(),
                options.pollInterval().toMillis()),
            result.visibleLatency().summary(),
            "target (pipeline.md §7): p99 <= 2000 ms, 0 missing",
            (met ? "MET" : "NOT MET") + ": p99 " + Format.millis(p99) + " ms",
            String.format(
                "missing (never visible within %d s): %d of followed, %d of the other %d accepted;"
                    + " rejected %d; ingest answer %s; /api/pipeline e2e latency: %s;"
                    + " load avg after: %s",
                options.visibleTimeout().toSeconds(),
                result.missing(),
                result.sweepMissing(),
                result.sweepChecked(),
                result.rejected(),
                result.acceptLatency().summary(),
                pipelineLatency(result.pipelineAtEnd()),
                Conditions.loadAverage())));
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
    Duration took = reports.awaitDrained(options.drainTimeout());
    table.condition(
        took == null
            ? "Pipeline did NOT catch up "
                + when
                + " within "
                + options.drainTimeout().toSeconds()
                + " s"
            : "Pipeline caught up " + when + " in " + took.toSeconds() + " s");
  }
}
