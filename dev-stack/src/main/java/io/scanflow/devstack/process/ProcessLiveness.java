package io.scanflow.devstack.process;

import io.scanflow.devstack.Poll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Whether a process that is not our child (the PostgreSQL postmaster, started by {@code pg_ctl})
 * still runs. Java's {@link ProcessHandle#isAlive()} counts a killed but not yet reaped process (a
 * zombie) as alive; so does PostgreSQL's check of {@code postmaster.pid}, which then refuses to
 * start on the same data directory.
 */
public final class ProcessLiveness {
  private static final Path PROC = Path.of("/proc");

  private ProcessLiveness() {}

  /** True while {@code pid} runs; false once it has exited, even before it is reaped. */
  public static boolean isRunning(long pid) {
    if (!Files.isDirectory(PROC.resolve("self"))) {
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
    try {
      // "pid (comm) S ...": the state follows the last ')', as comm may contain anything
      String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      return state != 'Z' && state != 'X';
    } catch (IOException | IndexOutOfBoundsException gone) {
      return false;
    }
  }

  /** Waits until {@code pid} no longer runs ({@link #isRunning}); true if it stopped in time. */
  public static boolean awaitStopped(long pid, Duration timeout) {
    return Poll.until(() -> !isRunning(pid), timeout, Duration.ofMillis(100));
  }

  /** Waits until {@code pid} is no longer in the process table (exited and reaped). */
  public static boolean awaitGone(long pid, Duration timeout) {
    return Poll.until(() -> ProcessHandle.of(pid).isEmpty(), timeout, Duration.ofMillis(100));
  }
}
