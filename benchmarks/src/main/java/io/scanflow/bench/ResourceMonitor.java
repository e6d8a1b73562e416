package io.scanflow.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What each process of the stack spends while a step runs: CPU seconds (the difference of its
 * tree's {@code /proc} ticks between start and stop) and peak resident memory (its tree's {@code
 * VmRSS}, sampled every second).
 */
final class ResourceMonitor implements AutoCloseable {
  /** A process's CPU seconds (absent when it died or was replaced) and peak memory in MiB. */
  record Usage(Optional<Double> cpuSeconds, long peakRssMib) {}

  private final Map<String, Long> pids;
  private final Map<String, Long> startTicks = new LinkedHashMap<>();
  private final Map<String, Long> peakKilobytes = new ConcurrentHashMap<>();
  private final ScheduledExecutorService sampler =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "bench-rss-sampler");
            thread.setDaemon(true);
            return thread;
          });

  private ResourceMonitor(Map<String, Long> pids) {
    this.pids = pids;
  }

  /** Starts measuring the given processes (name to pid). */
  static ResourceMonitor start(Map<String, Long> pids) {
    ResourceMonitor monitor = new ResourceMonitor(pids);
    List<ProcStat> all = ProcFs.all();
    pids.forEach(
        (name, pid) ->
            ProcFs.treeCpuTicks(pid, all).ifPresent(t -> monitor.startTicks.put(name, t)));
    monitor.sampler.scheduleAtFixedRate(monitor::sample, 0, 1, TimeUnit.SECONDS);
    return monitor;
  }

  private void sample() {
    List<ProcStat> all = ProcFs.all();
    pids.forEach(
        (name, pid) ->
            peakKilobytes.merge(name, ProcFs.treeResidentKilobytes(pid, all), Math::max));
  }

  /** Stops sampling and returns each process's usage since {@link #start}. */
  Map<String, Usage> stop() {
    close();
    sample();
    List<ProcStat> all = ProcFs.all();
    Map<String, Usage> usage = new LinkedHashMap<>();
    pids.forEach(
        (name, pid) -> {
          Optional<Double> seconds =
              ProcFs.treeCpuTicks(pid, all)
                  .flatMap(end -> Optional.ofNullable(startTicks.get(name)).map(s -> end - s))
                  .map(ticks -> ticks / (double) ProcFs.TICKS_PER_SECOND);
          usage.put(name, new Usage(seconds, peakKilobytes.getOrDefault(name, 0L) / 1024));
        });
    return usage;
  }

  @Override
  public void close() {
    sampler.shutdownNow();
    try {
      sampler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
