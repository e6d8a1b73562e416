package io.scanflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JfrProfilerTest {

  @Test
  void shouldStartARecordingThatTheJvmWritesToAnAbsoluteFileOnStop(@TempDir Path dir)
      throws Exception {
    Path relative =
        Path.of("").toAbsolutePath().relativize(dir.toAbsolutePath()).resolve("profiles");
    JfrProfiler profiler = new JfrProfiler(relative, Path.of("/jdk/bin/jcmd"));
    Path file = profiler.dir().resolve(JfrProfiler.fileName("4000", "ingest-api"));

    assertThat(profiler.dir()).isAbsolute().isDirectory();
    assertThat(profiler.startCommand(1234, "scanflow-bench-4000", file))
        .containsExactly(
            "/jdk/bin/jcmd",
            "1234",
            "JFR.start",
            "name=scanflow-bench-4000",
            "settings=default",
            "filename=" + dir.toAbsolutePath().resolve("profiles/4000-ingest-api.jfr"));
    assertThat(profiler.stopCommand(1234, "scanflow-bench-4000"))
        .containsExactly("/jdk/bin/jcmd", "1234", "JFR.stop", "name=scanflow-bench-4000");
  }

  @Test
  void shouldNameEachFileAfterTheStepAndTheProcess() {
    assertThat(JfrProfiler.fileName("6000-overload", "kafka")).isEqualTo("6000-overload-kafka.jfr");
  }

  @Test
  void shouldAttachOnlyToJavaLaunchers() {
    assertThat(JfrProfiler.isJavaExecutable(Path.of("/usr/lib/jvm/java-17/bin/java"))).isTrue();
    assertThat(JfrProfiler.isJavaExecutable(Path.of("/tmp/embedded-pg/bin/postgres"))).isFalse();
    assertThat(JfrProfiler.isJavaExecutable(Path.of("/usr/bin/bash"))).isFalse();
  }

  @Test
  void shouldUseTheJcmdOfTheRunningJdk() {
    assertThat(JfrProfiler.jcmd())
        .isEqualTo(Path.of(System.getProperty("java.home"), "bin", "jcmd"));
    assertThat(JfrProfiler.problem(Path.of("target/profiles"), JfrProfiler.jcmd())).isEmpty();
  }

  @Test
  void shouldRefuseAFileAsTheDirectoryAndAMissingJcmd(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-dir"), "x");

    assertThat(JfrProfiler.problem(file, JfrProfiler.jcmd()))
        .hasValueSatisfying(problem -> assertThat(problem).contains("not a directory"));
    assertThat(JfrProfiler.problem(dir, dir.resolve("jre/bin/jcmd")))
        .hasValueSatisfying(problem -> assertThat(problem).contains("jcmd"));
  }
}
