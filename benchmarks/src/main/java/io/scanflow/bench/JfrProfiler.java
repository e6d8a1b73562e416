package io.scanflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code capacity --profile=DIR}: one JFR recording ({@code settings=default}, the low-overhead
 * profile) of every JVM of the stack during a step, started and stopped with the JDK's {@code
 * jcmd}; each JVM writes {@code DIR/<label>-<process>.jfr} itself when its recording stops. A JVM
 * that cannot be attached to is reported and left out: profiling never stops the benchmark.
 */
final class JfrProfiler {
  private static final long JCMD_TIMEOUT_SECONDS = 60;

  /** What jcmd prints when JFR.start / JFR.stop did what was asked. */
  private static final String STARTED = "Started recording";

  private static final String STOPPED = "Stopped recording";

  private final Path dir;
  private final Path jcmd;

  /** Records into {@code dir} (made absolute: the JVMs write there from their own directory). */
  JfrProfiler(Path dir, Path jcmd) throws IOException {
    this.dir = dir.toAbsolutePath().normalize();
    this.jcmd = jcmd;
    Files.createDirectories(this.dir);
  }

  /** The {@code jcmd} next to the running {@code java}. */
  static Path jcmd() {
    return Path.of(System.getProperty("java.home"), "bin", "jcmd");
  }

  /** Why {@code --profile=dir} cannot work here, or empty when it can. */
  static Optional<String> problem(Path dir, Path jcmd) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      return Optional.of(dir + " exists and is not a directory");
    }
    if (!Files.isExecutable(jcmd)) {
      return Optional.of("needs the JDK's jcmd, not found at " + jcmd + " (a JRE only?)");
    }
    return Optional.empty();
  }

  Path dir() {
    return dir;
  }

  /** A recording started on one JVM. */
  private record Started(String process, long pid, String name, Path file) {}

  /** The recordings of one step; {@link #stop} writes their files. */
  final class Recordings {
    private final List<Started> started;

    private Recordings(List<Started> started) {
      this.started = started;
    }

    /** Stops every recording (each JVM writes its file) and says where the files went. */
    void stop() throws InterruptedException {
      List<Path> written = new ArrayList<>();
      for (Started recording : started) {
        if (run(recording.process(), stopCommand(recording.pid(), recording.name()), STOPPED)) {
          written.add(recording.file());
        }
      }
      if (!written.isEmpty()) {
        System.out.println("   JFR recordings: " + written);
      }
    }
  }

  /**
   * Starts a recording named after {@code label} on every JVM among {@code pids} (name to pid); the
   * runner and processes that are no JVM (PostgreSQL) are left out.
   */
  Recordings start(String label, Map<String, Long> pids) throws InterruptedException {
    List<Started> started = new ArrayList<>();
    for (Map.Entry<String, Long> process : pids.entrySet()) {
      String name = process.getKey();
      long pid = process.getValue();
      if (name.equals(StackProcesses.RUNNER) || !isJava(pid)) {
        continue;
      }
      Started recording =
          new Started(name, pid, "scanflow-bench-" + label, dir.resolve(fileName(label, name)));
      if (run(name, startCommand(recording.pid(), recording.name(), recording.file()), STARTED)) {
        started.add(recording);
      }
    }
    return new Recordings(started);
  }

  /** {@code <label>-<process>.jfr}, e.g. {@code 4000-ingest-api.jfr}. */
  static String fileName(String label, String process) {
    return label + "-" + process + ".jfr";
  }

  List<String> startCommand(long pid, String name, Path file) {
    return List.of(
        jcmd.toString(),
        Long.toString(pid),
        "JFR.start",
        "name=" + name,
        "settings=default",
        "filename=" + file);
  }

  List<String> stopCommand(long pid, String name) {
    return List.of(jcmd.toString(), Long.toString(pid), "JFR.stop", "name=" + name);
  }

  /** Whether {@code /proc/PID/exe} is a {@code java} launcher. */
  private static boolean isJava(long pid) {
    try {
      return isJavaExecutable(Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe")));
    } catch (IOException | UnsupportedOperationException e) {
      return false; // gone, or not ours to read: nothing to attach to either
    }
  }

  static boolean isJavaExecutable(Path exe) {
    Path name = exe.getFileName();
    return name != null && name.toString().equals("java");
  }

  /**
   * Runs one jcmd and says whether it printed {@code done}: jcmd exits 0 even when its command
   * failed ("Could not start recording ..."), so only the success line counts. On failure prints
   * its output; a jcmd that hangs (a frozen JVM) is killed after a minute.
   */
  private static boolean run(String process, List<String> command, String done)
      throws InterruptedException {
    Path output = null;
    try {
      output = Files.createTempFile("scanflow-jcmd", ".txt");
      Process jcmd =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      boolean exited = jcmd.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (!exited) {
        jcmd.destroyForcibly();
      }
      String printed = Files.readString(output);
      if (exited && printed.contains(done)) {
        return true;
      }
      System.out.printf(
          "   (JFR on %s failed: %s: %s)%n",
          process, String.join(" ", command), exited ? printed.strip() : "no answer in 1 min");
    } catch (IOException e) {
      System.out.printf("   (JFR on %s failed: %s)%n", process, e.getMessage());
    } finally {
      deleteQuietly(output);
    }
    return false;
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a leftover few bytes in the temp directory
    }
  }
}
