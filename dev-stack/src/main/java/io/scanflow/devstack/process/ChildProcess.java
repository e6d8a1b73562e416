package io.scanflow.devstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One child process of the dev stack, its output going to its own log file. */
public final class ChildProcess {
  private static final Path SETSID = Path.of("/usr/bin/setsid");

  private final String name;
  private final Process process;
  private final Path log;
  private volatile boolean stopRequested;

  private ChildProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code command} with extra environment variables, stdout and stderr to {@code log}.
   *
   * <p>The child gets its own session (setsid) so that Ctrl-C in the terminal reaches only the
   * supervisor, which then stops the children in reverse start order instead of all at once.
   */
  public static ChildProcess start(
      String name, List<String> command, Map<String, String> env, Path log) {
    List<String> full = new ArrayList<>();
    if (Files.isExecutable(SETSID)) {
      full.add(SETSID.toString());
    }
    full.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
    // Appended: a restart (replay) must not erase what happened before it.
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    // The supervisor's own settings (SCANFLOW_DEV_*) are not service configuration.
    builder.environment().keySet().removeIf(key -> key.startsWith("SCANFLOW_DEV_"));
    builder.environment().putAll(env);
    try {
      Files.createDirectories(log.getParent());
      return new ChildProcess(name, builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start " + name, e);
    }
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public Path log() {
    return log;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The exit code once it has exited (137 after {@code kill -9}); -1 while it runs. */
  public int exitCode() {
    return process.isAlive() ? -1 : process.exitValue();
  }

  /**
   * True once {@link #signalStop()} or {@link #stop(Duration)} was called: its exit was asked for,
   * so the supervisor must not restart it.
   */
  public boolean stopRequested() {
    return stopRequested;
  }

  /** Sends SIGTERM without waiting. */
  public void signalStop() {
    stopRequested = true;
    process.destroy();
  }

  /** SIGTERM, then wait up to {@code grace}; SIGKILL if it is still running. */
  public void stop(Duration grace) {
    stopRequested = true;
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        System.out.printf("  %s did not stop within %ds, killing it%n", name, grace.toSeconds());
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** The last lines of its log, for error messages. */
  public String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Fails with the log's tail if the process has exited. */
  public void requireAlive() {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          name
              + " exited with code "
              + process.exitValue()
              + "; last lines of "
              + log
              + ":\n"
              + logTail(30));
    }
  }
}
