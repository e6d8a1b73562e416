package io.scanflow.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Freezes the downstream stages (SIGSTOP to dedupe-stream, attribution-stream and reports-sink) so
 * that ingest-api and the broker have the cores to themselves, and thaws them (SIGCONT) when
 * closed, or when the runner exits. The dev stack's supervisor watches only whether a process is
 * alive, so it leaves a frozen one alone; Kafka sees a slow consumer that catches up afterwards.
 */
final class DownstreamPause implements AutoCloseable {
  static final List<String> DOWNSTREAM =
      List.of("dedupe-stream", "attribution-stream", "reports-sink");

  private final List<Long> frozen = new ArrayList<>();
  private final Thread thawOnExit = new Thread(this::thaw, "bench-thaw-downstream");

  private DownstreamPause() {}

  static DownstreamPause freeze(Map<String, Long> pids) throws IOException, InterruptedException {
    DownstreamPause pause = new DownstreamPause();
    Runtime.getRuntime().addShutdownHook(pause.thawOnExit);
    for (String name : DOWNSTREAM) {
      Long pid = pids.get(name);
      if (pid == null) {
        pause.close();
        throw new IllegalStateException("Cannot pause " + name + ": its pid is unknown");
      }
      signal("-STOP", pid);
      pause.frozen.add(pid);
    }
    System.out.println(
        "   paused "
            + DOWNSTREAM
            + " (pids "
            + pause.frozen
            + "); if this runner is killed,"
            + " resume them with: kill -CONT "
            + String.join(" ", pause.frozen.stream().map(String::valueOf).toList()));
    return pause;
  }

  @Override
  public void close() {
    thaw();
    try {
      Runtime.getRuntime().removeShutdownHook(thawOnExit);
    } catch (IllegalStateException e) {
      // already exiting: the hook thaws them
    }
  }

  private synchronized void thaw() {
    for (long pid : frozen) {
      try {
        signal("-CONT", pid);
      } catch (IOException e) {
        System.out.println("   could not resume pid " + pid + ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    frozen.clear();
  }

  private static void signal(String signal, long pid) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IOException("kill " + signal + " " + pid + " failed");
    }
  }
}
