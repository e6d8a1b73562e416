package io.scanflow.devstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Remembers the children's pids in {@code .scanflow/run/}. Children run in their own session, so if
 * the supervisor is killed hard (SIGKILL, a crashed test JVM) they live on; the next start stops
 * them before checking ports, instead of failing with "port in use".
 */
public final class PidFiles {
  private final Path dir;

  public PidFiles(Path dir) {
    this.dir = dir;
  }

  public void remember(ChildProcess child) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(child.name() + ".pid"), Long.toString(child.pid()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void forget(ChildProcess child) {
    try {
      Files.deleteIfExists(dir.resolve(child.name() + ".pid"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Stops processes left over by an earlier supervisor of this same {@code .scanflow/} directory
   * (recognised by the directory on their command line); returns their names.
   */
  public List<String> stopLeftovers(String marker) {
    List<String> stopped = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return stopped;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
        leftover(file, marker)
            .ifPresent(
                process -> {
                  process.destroy();
                  process.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
                  stopped.add(file.getFileName().toString().replace(".pid", ""));
                });
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!stopped.isEmpty()) {
      pause(Duration.ofMillis(500));
    }
    return stopped;
  }

  private static Optional<ProcessHandle> leftover(Path file, String marker) throws IOException {
    try {
      long pid = Long.parseLong(Files.readString(file).trim());
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(p -> p.info().commandLine().map(line -> line.contains(marker)).orElse(false));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
