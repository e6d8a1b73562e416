package io.scanflow.devstack.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The memory settings of every JVM the dev stack starts (docs/benchmarks.md, "Memory").
 *
 * <p>Measured with native memory tracking at 2,000 events/s: a service's live heap after a full
 * collection was 17–28 MB, but the JVM's defaults on this machine (24 GiB, 2 cores) start G1 with a
 * 378 MB initial heap and add 40–47 MB of G1 bookkeeping, so every service sat at 360–550 MB. A
 * small initial heap that grows on demand, a bounded maximum and the serial collector (one
 * collector thread, no concurrent refinement: the right collector for two cores and small heaps)
 * keep each service near 200 MB. {@code MALLOC_ARENA_MAX} stops glibc from keeping one malloc arena
 * per busy thread.
 */
public final class JvmMemory {
  /** Heap of each Scanflow service: live data is under 30 MB, the rest is room for bursts. */
  public static final String SERVICE_MAX_HEAP = "-Xmx128m";

  /**
   * reports-sink compiles with C1 only, the other services with the JVM's default tiered JIT.
   * Measured side by side on the benchmark stack (docs/benchmarks.md, "Memory"): without the
   * optimising compiler (C2) reports-sink's peak RSS at 3,000 events/s fell from 282 to 227 MB (no
   * C2 code and compiler arenas) at the same CPU per event, its time going to the database and the
   * Kafka client; dedupe-stream and attribution-stream spent 15–70 % more CPU per event without C2,
   * ingest-api up to 50 % more.
   */
  public static final String REPORTS_SINK_COMPILER = "-XX:TieredStopAtLevel=1";

  /** Heap of a Kafka broker of the dev stack. */
  public static final String BROKER_MAX_HEAP = "-Xmx256m";

  /** Heap of a short-lived Kafka tool (storage format). */
  public static final String TOOL_MAX_HEAP = "-Xmx256m";

  private JvmMemory() {}

  /**
   * A JVM that ran out of heap exits instead of living on. After an {@code OutOfMemoryError} any
   * thread may have died half-way (a consumer's heartbeat, a poll loop, the HTTP acceptor): seen
   * once on a reports-sink with two consumers, which then answered nothing and committed nothing
   * but kept running, so the supervisor never restarted it. Exiting makes it a crash, which the
   * supervisor restarts and every stage survives without loss.
   */
  public static final String EXIT_ON_OUT_OF_MEMORY = "-XX:+ExitOnOutOfMemoryError";

  /**
   * After a full collection the serial collector gives back heap until at most 40 % of it is free
   * (the JVM's default: 70 %), and grows it when less than 20 % is free (default 40 %). A backlog
   * grows a service's heap with records in flight; with the defaults it kept that heap afterwards
   * (reports-sink: 271 MB resident after working off a backlog, with 23 MB live). Measured on the
   * benchmark stack (docs/benchmarks.md, "Memory"): every service 5–58 MB smaller at the same CPU
   * per event. The maximum heap, and so what a burst may use, is unchanged.
   *
   * <p>The price is a small old generation: records in flight that a young collection promotes fill
   * it, and the service collects fully again and again. So the ratios are not for a process whose
   * work is a sustained burst:
   *
   * <ul>
   *   <li>ingest-api never uses them. Its heap holds the requests in flight until Kafka
   *       acknowledges them, and a batch's parsed events are large: with the ratios it collected
   *       fully about 4 times a second under batch load and spent 40–50 % of the time in collection
   *       pauses (docs/benchmarks.md, "Batch ingestion like for like": 17,180 and 19,166 events/s
   *       with them, 23,600 and 29,396 without, single events the same; about 23 MB more resident
   *       at the capacity rate).
   *   <li>The derived stages leave them out while a replay catches up (see {@code
   *       CatchUpSettings}), and get them back with their live settings.
   * </ul>
   */
  public static final List<String> HEAP_FREE_RATIOS =
      List.of("-XX:MinHeapFreeRatio=20", "-XX:MaxHeapFreeRatio=40");

  /** The JVM options for a process with this maximum heap ({@code -Xmx…}). */
  public static List<String> options(String maxHeap) {
    return options(maxHeap, true);
  }

  /**
   * The JVM options for a process with this maximum heap, with {@link #HEAP_FREE_RATIOS} if it
   * gives back the heap it grew, with the JVM's defaults if not.
   */
  public static List<String> options(String maxHeap, boolean giveBackHeap) {
    List<String> options = new ArrayList<>(List.of("-Xms32m", maxHeap, "-XX:+UseSerialGC"));
    if (giveBackHeap) {
      options.addAll(HEAP_FREE_RATIOS);
    }
    options.add(EXIT_ON_OUT_OF_MEMORY);
    return List.copyOf(options);
  }

  /** Environment for every JVM the dev stack starts. */
  public static Map<String, String> environment() {
    return Map.of("MALLOC_ARENA_MAX", "2");
  }
}
