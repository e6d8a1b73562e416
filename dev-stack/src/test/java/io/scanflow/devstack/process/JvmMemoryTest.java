package io.scanflow.devstack.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JvmMemoryTest {
  /** A process whose heap runs out in one thread while another thread lives on. */
  public static final class HeapEater {
    public static void main(String[] args) throws Exception {
      // A non-daemon thread parked for good: without the flag it keeps the JVM alive.
      Thread alive =
          new Thread(
              () -> {
                while (true) {
                  LockSupport.park();
                }
              });
      alive.start();
      List<long[]> held = new ArrayList<>();
      while (true) {
        held.add(new long[1 << 16]);
      }
    }
  }

  /**
   * A process that grows its heap to about 100 MB, keeps 32 MB of it live, collects fully (the
   * serial collector shrinks a generation a step at a time, over several full collections) and
   * prints the heap it then holds, in MB.
   */
  public static final class HeapReturner {
    public static void main(String[] args) {
      List<byte[]> held = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        held.add(new byte[1 << 20]);
      }
      held.subList(32, held.size()).clear();
      for (int i = 0; i < 6; i++) {
        System.gc();
      }
      System.out.println(
          "HEAP " + Runtime.getRuntime().totalMemory() / (1 << 20) + " " + held.size());
    }
  }

  @TempDir Path temp;

  @Test
  void shouldGiveBackTheHeapABurstGrewOnceTheBurstIsOver() throws Exception {
    Ended ended = run(JvmMemory.options("-Xmx128m"), HeapReturner.class);

    assertThat(ended.output()).contains("HEAP ");
    String heap = ended.output().substring(ended.output().indexOf("HEAP ") + 5);
    // 32 MB live: at most 40 % free is about 53 MB of old generation plus its young generation.
    // With the JVM's default ratios (70 % free allowed) the heap stays at about 123 MB.
    assertThat(Long.parseLong(heap.split(" ")[0])).isLessThan(100);
  }

  @Test
  void shouldEndAJvmWhoseHeapRanOutEvenWhileItsOtherThreadsLiveOn() throws Exception {
    Ended ended = run(JvmMemory.options("-Xmx32m"), HeapEater.class);

    assertThat(ended.output()).contains("Terminating due to java.lang.OutOfMemoryError");
    assertThat(ended.exitCode()).isEqualTo(3);
  }

  /** How a forked JVM ended: its exit code and everything it printed. */
  private record Ended(int exitCode, String output) {}

  /** Runs {@code main} in a JVM with these options on this test's class path, for at most 30 s. */
  private Ended run(List<String> options, Class<?> main) throws Exception {
    Path log = temp.resolve(main.getSimpleName() + ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(options);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited within 30 s").isTrue();
      return new Ended(process.exitValue(), Files.readString(log));
    } finally {
      process.destroyForcibly();
    }
  }
}
