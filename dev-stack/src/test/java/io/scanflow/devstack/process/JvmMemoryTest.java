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

  @TempDir Path temp;

  @Test
  void shouldEndAJvmWhoseHeapRanOutEvenWhileItsOtherThreadsLiveOn() throws Exception {
    Path log = temp.resolve("heap-eater.log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JvmMemory.options("-Xmx32m"));
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), HeapEater.class.getName()));
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited within 30 s").isTrue();
      assertThat(Files.readString(log)).contains("Terminating due to java.lang.OutOfMemoryError");
      assertThat(process.exitValue()).isEqualTo(3);
    } finally {
      process.destroyForcibly();
    }
  }
}
