package io.scanflow.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * {@code benchmarks/run capacity}: open-loop steps at rising rates against the running stack (see
 * {@link CapacitySearch}), each measured from the scheduled send until visible, with what each
 * process spent; then one step at 1.5 times the capacity for the overload verdict.
 */
final class CapacityBenchmark {
  private final CapacityOptions options;
  private final Stack stack;
  private final OpenLoop openLoop;
  private final OpenLoop overloadLoop;
  private final ReportsApi reports;
  private final EventBodies bodies;
  private final Optional<JfrProfiler> profiler;
  private final List<String> conditions = new ArrayList<>();

  private CapacityBenchmark(
      CapacityOptions options,
      Stack stack,
      OpenLoop openLoop,
      OpenLoop overloadLoop,
      ReportsApi reports,
      EventBodies bodies,
      Optional<JfrProfiler> profiler) {
    this.options = options;
    this.stack = stack;
    this.openLoop = openLoop;
    this.overloadLoop = overloadLoop;
    this.reports = reports;
    this.bodies = bodies;
    this.profiler = profiler;
  }

  static void run(CapacityOptions options, RateSteps rates) throws Exception {
    Stack stack = Stack.read(options.common.home);
    Optional<JfrProfiler> profiler =
        options.profile == null
            ? Optional.empty()
            : Optional.of(new JfrProfiler(options.profile, JfrProfiler.jcmd()));
    List<String> sessions = new BenchSetup(stack).createScanSessions(options.common.sessions);
    EventBodies bodies = new EventBodies(stack.siteId(), sessions);
    // Two event loops: the client must not take more of the cores than the stack it measures.
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    // Connections are opened on demand: the overload pool costs nothing until its step.
    try (HttpLoad load = new HttpLoad(vertx, options.connections);
        HttpLoad overloadLoad = new HttpLoad(vertx, options.overloadConnections);
        ReportsApi reports = new ReportsApi(vertx, stack, 32)) {
      new CapacityBenchmark(
              options,
              stack,
              new OpenLoop(vertx, load, reports, stack),
              new OpenLoop(vertx, overloadLoad, reports, stack),
              reports,
              bodies,
              profiler)
          .search(rates);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }

  private void search(RateSteps rates) throws Exception {
    condition("Date: " + Instant.now().truncatedTo(ChronoUnit.SECONDS));
    condition("Machine: " + Conditions.machine());
    condition("Load average (1/5/15 min) at start: " + Conditions.loadAverage());
    condition("Stack: " + stack.ingestUrl() + ", " + stack.reportsUrl());
    condition(
        String.format(
            "Steps of %d s, rates %s; about %d events/s followed (looked up %d ms apart at first,"
                + " then age/20, at most 1 s); warm-up %d s at the first rate; %d connections"
                + " (overload step: %d)",
            options.stepDuration.toSeconds(),
            rates.all(),
            options.followedPerSecond,
            options.common.pollInterval.toMillis(),
            options.warmup.toSeconds(),
            options.connections,
            options.overloadConnections));
    profiler.ifPresent(
        jfr ->
            condition(
                "Profiled: a JFR recording (settings=default) of every JVM of the stack per step,"
                    + " in "
                    + jfr.dir()
                    + "; JFR's own cost is in the CPU figures"));
    warmUp(rates.all().get(0));
    CapacitySearch.Outcome outcome =
        CapacitySearch.run(rates, rate -> step(openLoop, rate, "step", Verdicts::capacity));
    Optional<CapacitySearch.Judged> overload = overload(outcome.capacity());
    condition("Load average (1/5/15 min) at end: " + Conditions.loadAverage());
    report(outcome, overload);
  }

  private void warmUp(int rate) throws InterruptedException {
    if (options.warmup.isZero()) {
      return;
    }
    System.out.printf(
        "%n>> capacity: warm-up %d s at %d events/s%n", options.warmup.toSeconds(), rate);
    openLoop.run(plan(rate, options.warmup), bodies.named(eventName("warmup", rate)));
  }

  private Optional<CapacitySearch.Judged> overload(OptionalInt capacity) throws Exception {
    if (!options.overload || capacity.isEmpty()) {
      return Optional.empty();
    }
    Function<StepFigures, List<String>> verdict =
        figures -> Verdicts.overload(figures, options.answerDeadline);
    StepFigures figures = step(overloadLoop, capacity.getAsInt() * 3 / 2, "overload", verdict);
    return Optional.of(new CapacitySearch.Judged(figures, verdict.apply(figures)));
  }

  /**
   * One step: the pipeline drained first, then the load, then the wait for what it accepted; says
   * how it did by {@code verdict}.
   */
  private StepFigures step(
      OpenLoop loop, int rate, String kind, Function<StepFigures, List<String>> verdict)
      throws Exception {
    drain("before the " + rate + " events/s " + kind);
    Map<String, Long> pids = StackProcesses.find(stack);
    EventBodies named = bodies.named(eventName(kind, rate));
    System.out.printf(
        "%n>> capacity %s: %d events/s for %d s (event_name %s)%n",
        kind, rate, options.stepDuration.toSeconds(), named.eventName());
    OpenLoop.Result run;
    long visible;
    Map<String, ResourceMonitor.Usage> usage;
    // Started before and stopped after the CPU readings: the jcmd JVMs are not the step's cost.
    Optional<JfrProfiler.Recordings> recordings = startProfiles(kind, rate, pids);
    try (ResourceMonitor monitor = ResourceMonitor.start(pids)) {
      run = loop.run(plan(rate, options.stepDuration), named);
      visible =
          reports.awaitVisible(named.eventName(), run.accepted(), options.common.visibleTimeout);
      usage = monitor.stop();
    } finally {
      if (recordings.isPresent()) {
        recordings.get().stop();
      }
    }
    StepFigures figures = StepFigures.of(run, visible, options.answerDeadline, usage);
    System.out.printf(
        "   sent %d (%s/s), statuses %s, no answer %d; send→visible p99 %s ms; missing %d;"
            + " %s lookups/s; %s%n",
        figures.sent(),
        Format.rate(figures.sentPerSecond()),
        figures.statuses(),
        figures.noAnswer(),
        Format.millis(figures.sendToVisibleP99Ms()),
        figures.missing(),
        Format.rate(figures.lookupsPerSecond()),
        verdict.apply(figures).isEmpty() ? "pass" : "FAIL " + verdict.apply(figures));
    return figures;
  }

  private OpenLoop.Plan plan(int rate, Duration duration) {
    return new OpenLoop.Plan(
        rate,
        duration,
        options.sampleEvery(rate),
        options.common.polling(),
        options.common.visibleTimeout,
        options.common.answerTimeout);
  }

  /** {@code <rate>} for a search step, {@code <rate>-overload} for the overload step. */
  private Optional<JfrProfiler.Recordings> startProfiles(
      String kind, int rate, Map<String, Long> pids) throws InterruptedException {
    if (profiler.isEmpty()) {
      return Optional.empty();
    }
    String label = kind.equals("step") ? Integer.toString(rate) : rate + "-" + kind;
    return Optional.of(profiler.get().start(label, pids));
  }

  /** {@code capacity-<run>-<kind>-<rate>}: the reports count each step's events apart. */
  private String eventName(String kind, int rate) {
    return "capacity-" + bodies.runId() + "-" + kind + "-" + rate;
  }

  private void drain(String when) throws InterruptedException {
    System.out.println(">> waiting for the pipeline to catch up " + when);
    Duration took = reports.awaitDrained(options.common.drainTimeout);
    if (took == null) {
      condition(
          "Pipeline did NOT catch up "
              + when
              + " within "
              + options.common.drainTimeout.toSeconds()
              + " s");
    }
  }

  private void condition(String line) {
    conditions.add(line);
    System.out.println("-- " + line);
  }

  private void report(CapacitySearch.Outcome outcome, Optional<CapacitySearch.Judged> overload)
      throws IOException {
    StringBuilder markdown = new StringBuilder();
    conditions.forEach(line -> markdown.append("- ").append(line).append('\n'));
    markdown.append('\n').append(CapacityTable.markdown(outcome, overload, options.answerDeadline));
    System.out.println();
    System.out.println("==================== CAPACITY ====================");
    System.out.print(markdown);
    if (options.common.markdown != null) {
      ResultsTable.write(options.common.markdown, markdown.toString());
    }
  }
}
