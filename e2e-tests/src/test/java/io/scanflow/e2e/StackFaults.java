package io.scanflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.scanflow.devstack.DevStack;
import io.scanflow.devstack.supervisor.Supervisor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * Faults injected into a running dev stack under {@link ResendingLoad}, and what is checked after
 * them: kill -9 of a supervised process, signals to processes, and whether the summaries count
 * exactly the acknowledged events.
 */
final class StackFaults {
  /** How long a stage may take to come back and move again; generous for a loaded 2-core CI. */
  static final Duration RECOVERY = Duration.ofSeconds(120);

  static final Duration POLL = Duration.ofSeconds(1);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final DevStack stack;
  private final ScanflowClient client;

  StackFaults(DevStack stack, ScanflowClient client) {
    this.stack = stack;
    this.client = client;
  }

  /** {@code count} new sites, each with an API key and one scan session its events name. */
  List<ResendingLoad.Site> createSites(String namePrefix, int count) {
    List<ResendingLoad.Site> sites = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      Map.Entry<String, String> site = client.createSite(namePrefix + " " + i);
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

  /**
   * kill -9 of a process (with all its processes), then waits for the supervisor's restart.
   *
   * @return when it was killed
   */
  Instant crash(String name, LongSupplier pid) {
    long crashed = pid.getAsLong();
    int restartsBefore = status(name).restarts();
    ProcessHandle process = ProcessHandle.of(crashed).orElseThrow();
    System.out.println("Fault injection: kill -9 " + name + " (pid " + crashed + ")");
    Instant killed = Instant.now();
    signal("KILL", Stream.concat(Stream.of(process), process.descendants()).toList());

    await()
        .atMost(RECOVERY)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              Supervisor.Status status = status(name);
              return status.restarts() > restartsBefore
                  && status.state() == Supervisor.State.RUNNING
                  && status.pid() != crashed;
            });
    return killed;
  }

  static void signal(String signal, List<ProcessHandle> processes) {
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

  Supervisor.Status status(String name) {
    return stack.supervisor().status().stream()
        .filter(status -> status.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  void awaitReady(int port) {
    URI ready = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
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
  void awaitPipelineMoves(List<ResendingLoad.Site> sites) {
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
  void awaitCounted(List<ResendingLoad.Site> sites, ResendingLoad load) {
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

  record Counted(long events, long duplicates) {}

  /** Sums {@code events} and {@code duplicates} of the sites' summaries (reports API). */
  Counted counted(List<ResendingLoad.Site> sites) {
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
