package io.scanflow.devstack.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SupervisorTest {
  private static final Duration FAST = Duration.ofMillis(20);

  private final List<String> console = new CopyOnWriteArrayList<>();
  private final Supervisor supervisor =
      new Supervisor(
          console::add,
          () -> new RestartPolicy(FAST, FAST, Duration.ofMinutes(1), 3, Duration.ofMinutes(1)),
          FAST);

  @AfterEach
  void closeSupervisor() {
    supervisor.close();
  }

  @Test
  void shouldRestartAProcessThatExitedOnItsOwnAndSaySo() {
    FakeProcess sink = new FakeProcess("reports-sink");
    supervisor.supervise(List.of(sink));

    sink.crash();

    await().atMost(Duration.ofSeconds(10)).until(() -> sink.running && sink.starts.get() == 1);
    assertThat(supervisor.restarts("reports-sink")).isEqualTo(1);
    assertThat(console)
        .anyMatch(line -> line.contains("reports-sink exited with code 137; restarting in 20 ms"))
        .anyMatch(line -> line.contains("reports-sink restarted (pid 1001)"));
    Supervisor.Status status = supervisor.status().get(0);
    assertThat(status.pid()).isEqualTo(1001);
    assertThat(status.state()).isEqualTo(Supervisor.State.RUNNING);
    assertThat(status.restarts()).isEqualTo(1);
    assertThat(status.lastExit()).startsWith("exited with code 137 at ");
  }

  @Test
  void shouldNotRestartAProcessThatWasAskedToStop() {
    FakeProcess sink = new FakeProcess("reports-sink");
    supervisor.supervise(List.of(sink));

    sink.stopOnRequest();

    await()
        .pollDelay(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(5))
        .until(() -> sink.starts.get() == 0);
    assertThat(supervisor.restarts("reports-sink")).isZero();
    assertThat(console).isEmpty();
  }

  @Test
  void shouldGiveUpOnAProcessThatKeepsDyingAndReportIt() {
    FakeProcess broken = new FakeProcess("dedupe-stream");
    broken.diesOnStart = true;
    supervisor.supervise(List.of(broken));

    broken.crash();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> supervisor.status().get(0).state() == Supervisor.State.GIVEN_UP);
    // the 3rd exit is the last: two restarts, then it stays down
    assertThat(broken.starts.get()).isEqualTo(2);
    assertThat(console)
        .anyMatch(line -> line.contains("dedupe-stream exited with code 1 (3 exits within 1 min)"))
        .anyMatch(line -> line.contains("not restarting it again"));
  }

  @Test
  void shouldCountAFailedRestartAsAnotherExit() {
    FakeProcess kafka = new FakeProcess("kafka");
    kafka.failStarts.set(1);
    supervisor.supervise(List.of(kafka));

    kafka.crash();

    await().atMost(Duration.ofSeconds(10)).until(() -> kafka.running);
    assertThat(supervisor.restarts("kafka")).isEqualTo(2);
    assertThat(console)
        .anyMatch(line -> line.contains("kafka could not be restarted (port in use); restarting"));
  }

  @Test
  void shouldDescribeEachProcessInTheStatusEndpointsShape() throws Exception {
    FakeProcess kafka = new FakeProcess("kafka");
    supervisor.supervise(List.of(kafka));
    kafka.crash();
    await().atMost(Duration.ofSeconds(10)).until(() -> kafka.running);

    JsonNode status =
        new ObjectMapper().valueToTree(Map.of("processes", supervisor.status())).path("processes");

    assertThat(status).hasSize(1);
    assertThat(status.get(0).path("name").asText()).isEqualTo("kafka");
    assertThat(status.get(0).path("pid").asLong()).isEqualTo(1001);
    assertThat(status.get(0).path("state").asText()).isEqualTo("running");
    assertThat(status.get(0).path("restarts").asInt()).isEqualTo(1);
    assertThat(status.get(0).path("last_exit").asText()).startsWith("exited with code 137 at ");
  }

  /** A process whose exits and starts the test controls. */
  private static final class FakeProcess implements Supervised {
    final String name;
    final AtomicInteger starts = new AtomicInteger();
    final AtomicInteger failStarts = new AtomicInteger();
    volatile boolean running = true;
    volatile boolean stopped;
    volatile boolean diesOnStart;
    volatile int exitCode;

    FakeProcess(String name) {
      this.name = name;
    }

    void crash() {
      exitCode = 137;
      running = false;
    }

    void stopOnRequest() {
      stopped = true;
      running = false;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public long pid() {
      return 1000 + starts.get();
    }

    @Override
    public Optional<String> unexpectedExit() {
      return running || stopped ? Optional.empty() : Optional.of("exited with code " + exitCode);
    }

    @Override
    public void restart() {
      if (failStarts.getAndDecrement() > 0) {
        throw new IllegalStateException("port in use");
      }
      starts.incrementAndGet();
      exitCode = 1;
      running = !diesOnStart;
    }
  }
}
