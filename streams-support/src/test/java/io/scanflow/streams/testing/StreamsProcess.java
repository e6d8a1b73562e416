package io.scanflow.streams.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A stage's topology running in its own JVM ({@link ForkedStreamsApp}), so a test can kill it
 * abruptly (SIGKILL: no commit, no close, an open transaction left behind) and start it again.
 */
public final class StreamsProcess implements AutoCloseable {
  private final Process process;
  private final List<String> reports = new CopyOnWriteArrayList<>();

  private StreamsProcess(Process process, Path log) {
    this.process = process;
    Thread pump = new Thread(() -> pump(log), "streams-process-output");
    pump.setDaemon(true);
    pump.start();
  }

  /**
   * Starts a JVM running {@code factory}'s topology against {@code bootstrapServers} with its state
   * in {@code stateDir}; its output goes to {@code log}.
   */
  public static StreamsProcess start(
      String bootstrapServers, Path stateDir, Class<? extends TopologyFactory> factory, Path log)
      throws IOException {
    return start(bootstrapServers, stateDir, factory, log, Map.of());
  }

  /** As above, with Kafka Streams settings that override the app's ({@code commit.interval.ms}). */
  public static StreamsProcess start(
      String bootstrapServers,
      Path stateDir,
      Class<? extends TopologyFactory> factory,
      Path log,
      Map<String, String> overrides)
      throws IOException {
    Files.createDirectories(log.getParent());
    // Beside the state, in the test's own temporary directory: RocksDB unpacks its 15 MB native
    // library into java.io.tmpdir, and a killed JVM never removes it.
    Path tmp = Files.createDirectories(stateDir.resolveSibling(stateDir.getFileName() + "-tmp"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command =
        new ArrayList<>(
            List.of(
                java.toString(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + tmp,
                "-cp",
                System.getProperty("java.class.path"),
                ForkedStreamsApp.class.getName(),
                bootstrapServers,
                stateDir.toString(),
                factory.getName()));
    overrides.forEach((key, value) -> command.add(key + "=" + value));
    return new StreamsProcess(new ProcessBuilder(command).redirectErrorStream(true).start(), log);
  }

  /** Lines the app reported ({@code SCANFLOW ...}), without the prefix. */
  public List<String> reports() {
    return List.copyOf(reports);
  }

  /** True once the app has reported the RUNNING state. */
  public boolean running() {
    return reports.contains("STATE RUNNING");
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** SIGKILL: the JVM stops between two instructions, mid-transaction. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM: the app closes, commits and leaves the group. */
  public void stop(Duration timeout) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      kill();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      stop(Duration.ofSeconds(30));
    }
  }

  private void pump(Path log) {
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(Files.newBufferedWriter(log), true)) {
      String line;
      while ((line = in.readLine()) != null) {
        out.println(line);
        if (line.startsWith("SCANFLOW ")) {
          reports.add(line.substring("SCANFLOW ".length()));
        }
      }
    } catch (IOException e) {
      // The process is gone; what it printed so far is in the log.
    }
  }
}
