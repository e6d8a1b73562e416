package io.scanflow.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Single-event and batch ingestion throughput, each with its ceiling measured in the same run. */
final class ThroughputBenchmarks {
  private final HttpLoad load;
  private final Stack stack;
  private final EventBodies bodies;
  private final BenchOptions options;
  private final ResultsTable table;

  ThroughputBenchmarks(
      HttpLoad load, Stack stack, EventBodies bodies, BenchOptions options, ResultsTable table) {
    this.load = load;
    this.stack = stack;
    this.bodies = bodies;
    this.options = options;
    this.table = table;
  }

  /** POST /server-events vs. a bare Vert.x endpoint: same client, concurrency and bodies. */
  void single(int clients) throws Exception {
    singleAgainstCeiling(clients, "whole pipeline running", () -> () -> {});
  }

  /**
   * The same with the downstream stages paused while ingest-api is measured, so that the ratio is
   * that of the ingest path itself (ingest-api and the broker only).
   */
  void ingestOnly(int clients) throws Exception {
    Map<String, Long> pids = StackProcesses.find(stack);
    singleAgainstCeiling(
        clients,
        "downstream stages paused: ingest-api and broker only",
        () -> DownstreamPause.freeze(pids));
  }

  /** Opens what must hold while ingest-api is measured (nothing, or a pause). */
  private interface During {
    AutoCloseable open() throws Exception;
  }

  private void singleAgainstCeiling(int clients, String conditions, During during)
      throws Exception {
    Supplier<String> body = () -> bodies.event(bodies.nextEventId());
    int size = body.get().length();
    HttpLoad.Result bare;
    Process server = ChildJvm.start("128m", BareHttpServer.class.getName(), List.of());
    try {
      URI bareUri = URI.create("http://127.0.0.1:" + bareServerPort(server) + "/server-events");
      bare = measure("bare Vert.x endpoint", bareUri, Map.of(), body, clients);
    } finally {
      server.getOutputStream().close();
      server.destroy();
    }
    URI ingest = stack.ingestUrl().resolve("/server-events");
    HttpLoad.Result real;
    try (AutoCloseable ignored = during.open()) {
      real = measure("ingest-api single (" + conditions + ")", ingest, apiKey(), body, clients);
    }
    table.add(
        new ResultsTable.Row(
            String.format(
                "Single-event ingestion, %s: POST /server-events, %d clients, %d s, ~%d-byte"
                    + " bodies",
                conditions, clients, options.duration().toSeconds(), size),
            Format.rate(real.okPerSecond()) + " events/s; " + real.latency().summary(),
            "bare Vert.x endpoint: "
                + Format.rate(bare.okPerSecond())
                + " req/s; "
                + bare.latency().summary(),
            Format.ratio(real.okPerSecond(), bare.okPerSecond()),
            String.format(
                "%d events accepted, %d non-200/failed (bare: %d); load avg after: %s",
                real.ok(), real.notOk(), bare.notOk(), Conditions.loadAverage())));
  }

  /** Waits for the pipeline to work off what a measurement sent. */
  interface Drain {
    void await(String when) throws InterruptedException;
  }

  /**
   * POST /server-events/batch vs. ProducerPerformance on the same broker, with the whole pipeline
   * running ({@code wholePipeline}) and with the downstream stages paused ({@code ingestOnly}, the
   * like-for-like comparison: the ceiling has the broker and the cores to itself too). The ceiling
   * runs once the pipeline has worked off the batches.
   */
  void batch(KafkaCeiling kafka, Drain drain, boolean wholePipeline, boolean ingestOnly)
      throws Exception {
    int size = options.batchSize();
    URI uri = stack.ingestUrl().resolve("/server-events/batch");
    Map<String, HttpLoad.Result> measured = new LinkedHashMap<>();
    for (int clients : options.batchClients()) {
      if (wholePipeline) {
        drain.await("before batch ingestion, " + clients + " clients");
        measured.put(
            "whole pipeline running, " + clients + " clients",
            measure("ingest-api batch", uri, apiKey(), () -> bodies.batch(size), clients));
      }
      if (ingestOnly) {
        drain.await("before batch ingestion (ingest only), " + clients + " clients");
        Map<String, Long> pids = StackProcesses.find(stack);
        try (DownstreamPause ignored = DownstreamPause.freeze(pids)) {
          measured.put(
              "downstream stages paused: ingest-api and broker only, " + clients + " clients",
              measure(
                  "ingest-api batch (downstream paused)",
                  uri,
                  apiKey(),
                  () -> bodies.batch(size),
                  clients));
        }
      }
    }
    int partitions = kafka.partitionsOf(KafkaCeiling.PIPELINE_TOPIC);
    int recordSize = kafka.meanRecordSize(partitions);
    drain.await("before ProducerPerformance");
    System.out.printf(
        "%n>> ProducerPerformance: %d records of %d bytes, %d partitions%n",
        options.kafkaRecords(), recordSize, partitions);
    KafkaCeiling.Result ceiling = kafka.run(options.kafkaRecords(), recordSize, partitions);
    String load = Conditions.loadAverage();
    measured.forEach(
        (conditions, real) -> {
          double eventsPerSecond = real.okPerSecond() * size;
          table.add(
              new ResultsTable.Row(
                  String.format(
                      "Batch ingestion, %s: POST /server-events/batch, %d events/batch, %d s",
                      conditions, size, options.duration().toSeconds()),
                  Format.rate(eventsPerSecond)
                      + " events/s ("
                      + Format.rate(real.okPerSecond())
                      + " batches/s); batch "
                      + real.latency().summary(),
                  String.format(
                      "ProducerPerformance (acks=all, idempotent, %d records of %d bytes, %d"
                          + " partitions): %s records/s, p50 %d / p99 %d ms",
                      ceiling.records(),
                      recordSize,
                      partitions,
                      Format.rate(ceiling.recordsPerSecond()),
                      ceiling.p50Ms(),
                      ceiling.p99Ms()),
                  Format.ratio(eventsPerSecond, ceiling.recordsPerSecond()),
                  String.format(
                      "%d batches accepted, %d non-200/failed; load avg after the ceiling: %s",
                      real.ok(), real.notOk(), load)));
        });
  }

  private HttpLoad.Result measure(
      String name, URI uri, Map<String, String> headers, Supplier<String> body, int clients)
      throws InterruptedException {
    System.out.printf("%n>> %s: warm-up %d s%n", name, options.warmup().toSeconds());
    load.run(uri, headers, body, clients, options.warmup(), cap(options.warmup()));
    System.out.printf(">> %s: measuring %d s%n", name, options.duration().toSeconds());
    HttpLoad.Result result =
        load.run(uri, headers, body, clients, options.duration(), cap(options.duration()));
    System.out.printf(
        "   %s ok/s, statuses %s, failures %d, %s%n",
        Format.rate(result.okPerSecond()),
        result.statuses(),
        result.failures(),
        result.latency().summary());
    return result;
  }

  /** A count bound on top of the time bound: far above what 2 cores can answer. */
  private static long cap(Duration duration) {
    return 200_000L * Math.max(1, duration.toSeconds());
  }

  private Map<String, String> apiKey() {
    return Map.of("X-API-Key", stack.apiKey());
  }

  private static int bareServerPort(Process server) throws IOException {
    BufferedReader output = ChildJvm.output(server);
    for (int i = 0; i < 50; i++) {
      String line = output.readLine();
      if (line == null) {
        break;
      }
      if (line.startsWith("LISTENING ")) {
        return Integer.parseInt(line.substring("LISTENING ".length()).trim());
      }
    }
    throw new IllegalStateException("The bare HTTP endpoint did not start");
  }
}
