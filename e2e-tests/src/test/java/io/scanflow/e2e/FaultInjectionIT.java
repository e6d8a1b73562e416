package io.scanflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scanflow.devstack.DevStack;
import io.scanflow.devstack.service.ScanflowService;
import io.scanflow.devstack.supervisor.Supervisor;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
  private static final Duration FREEZE = Duration.ofSeconds(20);

  private final DevStack stack;
  private final StackFaults faults;

  FaultInjectionIT(DevStack stack) {
    this.stack = stack;
    this.faults = new StackFaults(stack, new ScanflowClient(stack.info()));
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
    List<ResendingLoad.Site> sites = faults.createSites("Fault injection", SITES);
    ResendingLoad load = new ResendingLoad(stack.info().ingestUrls(), sites);
    try (load) {
      faults.awaitPipelineMoves(sites);
      for (ScanflowService service : ScanflowService.values()) {
        faults.crash(service.module(), () -> stack.pid(service));
        faults.awaitReady(service.port(stack.config().ports()));
        faults.awaitPipelineMoves(sites);
      }
      faults.crash("kafka", stack::brokerPid);
      faults.awaitPipelineMoves(sites);
      freezePostgres(load);
      faults.awaitPipelineMoves(sites);
      faults.crash("postgres", () -> stack.database().pid());
      faults.awaitPipelineMoves(sites);

      load.finish();
      await().atMost(StackFaults.RECOVERY).pollInterval(StackFaults.POLL).until(load::finished);
    }
    System.out.printf(
        "Fault injection: %d events acknowledged (%d sent with resends %s), %d deliberate"
            + " duplicates; supervisor: %s%n",
        load.acknowledged(),
        load.eventsSent(),
        load.resends(),
        load.deliberateDuplicates(),
        stack.supervisor().status());

    faults.awaitCounted(sites, load);
    // a 403 for a valid key makes a client drop its events: never while a registry catches up
    assertThat(load.unexpected()).as("answers a resending client cannot handle").isEmpty();
    assertThat(stack.supervisor().status())
        .allSatisfy(
            process -> {
              assertThat(process.restarts()).as(process.name()).isPositive();
              assertThat(process.state()).as(process.name()).isEqualTo(Supervisor.State.RUNNING);
            });
  }

  /**
   * SIGSTOP of the postmaster, then of every process it has: a database that hangs without closing
   * connections. Ingest does not need it, so clients keep getting 200s meanwhile.
   */
  private void freezePostgres(ResendingLoad load) {
    ProcessHandle postmaster = ProcessHandle.of(stack.database().pid()).orElseThrow();
    System.out.println("Fault injection: PostgreSQL frozen for " + FREEZE.toSeconds() + " s");
    StackFaults.signal("STOP", List.of(postmaster)); // first, so it forks nothing that stays awake
    List<ProcessHandle> frozen = new ArrayList<>(postmaster.descendants().toList());
    StackFaults.signal("STOP", frozen);
    frozen.add(postmaster);
    try {
      int acknowledgedBefore = load.acknowledged();
      await()
          .pollDelay(FREEZE)
          .atMost(FREEZE.plus(StackFaults.RECOVERY))
          .until(() -> load.acknowledged() > acknowledgedBefore);
    } finally {
      StackFaults.signal("CONT", frozen);
    }
  }
}
