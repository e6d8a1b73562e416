package io.scanflow.devstack.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JvmMemoryTest {
  /** A process whose heap runs out in one thread while another thread lives on. */
  public static final class HeapEater {
    public static void main(String[] args) throws Exception {
      Thread alive =
          new Thread(
              () -> {
                try {
                  Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
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
    Path log = temp.resolve("heap-returner.log");
    Process process = start(JvmMemory.options("-Xmx128m"), HeapReturner.class, log);
    try {
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited within 30 s").isTrue();
      String output = Files.readString(log);
      assertThat(output).contains("HEAP ");
      long heapMb = Long.parseLong(output.substring(output.indexOf("HEAP ") + 5).split(" ")[0]);
      // 32 MB live: at most 40 % free is about 53 MB of old generation plus its young generation.
      // With the JVM's default ratios (70 % free allowed) the heap stays at about 128 MB.
      assertThat(heapMb).isLessThan(100);
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void shouldEndAJvmWhoseHeapRanOutEvenWhileItsOtherThreadsLiveOn() throws Exception {
    Path log = temp.resolve("heap-eater.log");
    Process process = start(JvmMemory.options("-Xmx32m"), HeapEater.class, log);
    try {
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited within 30 s").isTrue();
      assertThat(Files.readString(log)).contains("Terminating due to java.lang.OutOfMemoryError");
      assertThat(process.exitValue()).isEqualTo(3);
    } finally {
      process.destroyForcibly();
    }
  }

  /**
   * A JVM with these options running {@code main} on this test's class path, output to {@code log}.
   */
  private static Process start(List<String> options, Class<?> main, Path log) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(options);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }
}
