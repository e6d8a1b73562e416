package io.scanflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.scanflow.devstack.DevStack;
import io.scanflow.devstack.service.ScanflowService;
import io.scanflow.devstack.supervisor.Supervisor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dev stack under steady load survives its own failures and still counts every acknowledged
 * event exactly once: kill -9 of each service and of the broker (the supervisor restarts them),
 * PostgreSQL frozen for 20 s (SIGSTOP of the postmaster and all its processes, then SIGCONT), and
 * kill -9 of PostgreSQL with all its processes (the supervisor restarts it on the same data).
 */
@ExtendWith(RunningStack.class)
class FaultInjectionIT {
  private static final int SITES = 4;

  /** How long a stage may take to come back and move again; generous for a loaded 2-core CI. */
  private static final Duration RECOVERY = Duration.ofSeconds(120);

  private static final Duration FREEZE = Duration.ofSeconds(20);
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final DevStack stack;
  private final ScanflowClient client;

  FaultInjectionIT(DevStack stack) {
    this.stack = stack;
    this.client = new ScanflowClient(stack.info());
  }

  @Test
  void shouldRunPostgresWithCommitsThatSurviveACrash() throws Exception {
    try (Connection connection = stack.database().connect();
        Statement statement = connection.createStatement()) {
      for (String setting : List.of("synchronous_commit", "fsync", "full_page_writes")) {
        try (ResultSet value = statement.executeQuery("SHOW " + setting)) {
          value.next();
          assertThat(value.getString(1)).as(setting).isEqualTo("on");
        }
      }
    }
  }

  @Test
  void shouldCountEveryAcknowledgedEventOnceThroughCrashesAndAFrozenDatabase() {
    List<ResendingLoad.Site> sites = createSites();
    ResendingLoad load = new ResendingLoad(stack.info().ingestUrl(), sites);
    try (load) {
      awaitPipelineMoves(sites);
      for (ScanflowService service : ScanflowService.values()) {
        crash(service.module(), () -> stack.pid(service));
        awaitReady(service);
        awaitPipelineMoves(sites);
      }
      crash("kafka", stack::brokerPid);
      awaitPipelineMoves(sites);
      freezePostgres(load);
      awaitPipelineMoves(sites);
      crash("postgres", () -> stack.database().pid());
      awaitPipelineMoves(sites);

      load.finish();
      await().atMost(RECOVERY).pollInterval(POLL).until(load::finished);
    }
    System.out.printf(
        "Fault injection: %d events acknowledged (%d sent with resends %s), %d deliberate"
            + " duplicates; supervisor: %s%n",
        load.acknowledged(),
        load.eventsSent(),
        load.resends(),
        load.deliberateDuplicates(),
        stack.supervisor().status());

    awaitCounted(sites, load);
    // a 403 for a valid key makes a client drop its events: never while a registry catches up
    assertThat(load.unexpected()).as("answers a resending client cannot handle").isEmpty();
    assertThat(stack.supervisor().status())
        .allSatisfy(
            process -> {
              assertThat(process.restarts()).as(process.name()).isPositive();
              assertThat(process.state()).as(process.name()).isEqualTo(Supervisor.State.RUNNING);
            });
  }

  private List<ResendingLoad.Site> createSites() {
    List<ResendingLoad.Site> sites = new ArrayList<>();
    for (int i = 1; i <= SITES; i++) {
      Map.Entry<String, String> site = client.createSite("Fault injection " + i);
      String session = UUID.randomUUID().toString();
      assertThat(
              client
                  .postScanSession(
                      site.getValue(),
                      Map.of(
                          "site_id",
                          site.getKey(),
                          "scan_session_id",
                          session,
                          "qr_code_id",
                          "poster-" + i))
                  .status())
          .isEqualTo(200);
      sites.add(new ResendingLoad.Site(site.getKey(), site.getValue(), session));
    }
    return sites;
  }

  /** kill -9 of a process (with all its processes), then waits for the supervisor's restart. */
  private void crash(String name, LongSupplier pid) {
    long crashed = pid.getAsLong();
    int restartsBefore = status(name).restarts();
    ProcessHandle process = ProcessHandle.of(crashed).orElseThrow();
    System.out.println("Fault injection: kill -9 " + name + " (pid " + crashed + ")");
    signal("KILL", Stream.concat(Stream.of(process), process.descendants()).toList());

    await()
        .atMost(RECOVERY)
        .pollInterval(POLL)
        .until(
            () -> {
              Supervisor.Status status = status(name);
              return status.restarts() > restartsBefore
                  && status.state() == Supervisor.State.RUNNING
                  && status.pid() != crashed;
            });
  }

  /**
   * SIGSTOP of the postmaster, then of every process it has: a database that hangs without closing
   * connections. Ingest does not need it, so clients keep getting 200s meanwhile.
   */
  private void freezePostgres(ResendingLoad load) {
    ProcessHandle postmaster = ProcessHandle.of(stack.database().pid()).orElseThrow();
    System.out.println("Fault injection: PostgreSQL frozen for " + FREEZE.toSeconds() + " s");
    signal("STOP", List.of(postmaster)); // first, so it forks nothing that stays awake
    List<ProcessHandle> frozen = new ArrayList<>(postmaster.descendants().toList());
    signal("STOP", frozen);
    frozen.add(postmaster);
    try {
      int acknowledgedBefore = load.acknowledged();
      await()
          .pollDelay(FREEZE)
          .atMost(FREEZE.plus(RECOVERY))
          .until(() -> load.acknowledged() > acknowledgedBefore);
    } finally {
      signal("CONT", frozen);
    }
  }

  private static void signal(String signal, List<ProcessHandle> processes) {
    List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
    processes.forEach(process -> command.add(Long.toString(process.pid())));
    try {
      // children of PostgreSQL may exit by themselves meanwhile: kill's exit code is no verdict
      new ProcessBuilder(command).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new IllegalStateException("Could not run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Supervisor.Status status(String name) {
    return stack.supervisor().status().stream()
        .filter(status -> status.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private void awaitReady(ScanflowService service) {
    URI ready =
        URI.create("http://127.0.0.1:" + service.port(stack.config().ports()) + "/q/health/ready");
    await()
        .atMost(RECOVERY)
        .pollInterval(POLL)
        .until(
            () -> {
              try {
                return HTTP.send(
                            HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                            HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                    == 200;
              } catch (IOException notYet) {
                return false;
              }
            });
  }

  /** Waits until the summaries count more events than when first read: the pipeline flows. */
  private void awaitPipelineMoves(List<ResendingLoad.Site> sites) {
    AtomicLong first = new AtomicLong(-1);
    await()
        .atMost(RECOVERY)
        .pollInterval(POLL)
        .ignoreExceptions()
        .until(
            () -> {
              long events = counted(sites).events();
              first.compareAndSet(-1, events);
              return events > first.get();
            });
  }

  /**
   * Every acknowledged event counted once, and only those: first equal, then still equal a few
   * seconds later (nothing arrives late and counts twice). Each deliberate repeat is a duplicate;
   * there cannot be more duplicates than resent events.
   */
  private void awaitCounted(List<ResendingLoad.Site> sites, ResendingLoad load) {
    await()
        .atMost(RECOVERY.multipliedBy(2))
        .pollInterval(POLL)
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              Counted counted = counted(sites);
              assertThat(counted.events()).isEqualTo(load.acknowledged());
              assertThat(counted.duplicates()).isGreaterThanOrEqualTo(load.deliberateDuplicates());
            });
    await()
        .during(Duration.ofSeconds(5))
        .atMost(Duration.ofSeconds(30))
        .pollInterval(POLL)
        .ignoreExceptions()
        .untilAsserted(() -> assertThat(counted(sites).events()).isEqualTo(load.acknowledged()));
    assertThat(counted(sites).duplicates())
        .isLessThanOrEqualTo(load.eventsSent() - load.acknowledged());
  }

  private record Counted(long events, long duplicates) {}

  /** Sums {@code events} and {@code duplicates} of the sites' summaries (reports API). */
  private Counted counted(List<ResendingLoad.Site> sites) {
    long events = 0;
    long duplicates = 0;
    for (ResendingLoad.Site site : sites) {
      ScanflowClient.Answer answer = client.reports("/api/sites/" + site.siteId() + "/summary");
      if (answer.status() != 200) {
        throw new IllegalStateException("summary answered " + answer.status());
      }
      JsonNode summary = answer.body();
      events += summary.path("events").asLong();
      duplicates += summary.path("duplicates").asLong();
    }
    return new Counted(events, duplicates);
  }
}
