package io.scanflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads {@code /proc}: a process's CPU ticks and resident memory, counted over its tree. */
final class ProcFs {
  private static final Path PROC = Path.of("/proc");

  /** {@code getconf CLK_TCK}: the unit of the CPU times in {@code /proc/PID/stat}. */
  static final long TICKS_PER_SECOND = ticksPerSecond();

  private ProcFs() {}

  /** Every process now alive. */
  static List<ProcStat> all() {
    List<ProcStat> all = new ArrayList<>();
    try (Stream<Path> entries = Files.list(PROC)) {
      entries
          .filter(entry -> entry.getFileName().toString().chars().allMatch(Character::isDigit))
          .forEach(entry -> stat(entry).ifPresent(all::add));
    } catch (IOException e) {
      throw new IllegalStateException("Cannot list /proc", e);
    }
    return all;
  }

  /** CPU ticks of {@code root} and the processes below it; empty when {@code root} is gone. */
  static Optional<Long> treeCpuTicks(long root, List<ProcStat> all) {
    if (all.stream().noneMatch(p -> p.pid() == root)) {
      return Optional.empty();
    }
    var tree = ProcStat.tree(root, all);
    return Optional.of(
        all.stream().filter(p -> tree.contains(p.pid())).mapToLong(ProcStat::cpuTicks).sum());
  }

  /** Resident memory of {@code root} and the processes below it, in kB. */
  static long treeResidentKilobytes(long root, List<ProcStat> all) {
    long total = 0;
    for (long pid : ProcStat.tree(root, all)) {
      try {
        total += ProcStat.residentKilobytes(Files.readString(PROC.resolve(pid + "/status")));
      } catch (IOException e) {
        // gone since the listing: it holds no memory any more
      }
    }
    return total;
  }

  private static Optional<ProcStat> stat(Path entry) {
    try {
      return Optional.of(ProcStat.parse(Files.readString(entry.resolve("stat"))));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // exited between the listing and the read
    }
  }

  private static long ticksPerSecond() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
      String out = new String(getconf.getInputStream().readAllBytes()).trim();
      return getconf.waitFor() == 0 ? Long.parseLong(out) : 100;
    } catch (IOException | NumberFormatException e) {
      return 100; // the value on every Linux this runs on
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }
}
