package io.scanflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

class BenchOptionsTest {

  @Test
  void shouldDefaultToTheDocumentedBenchmarks() {
    BenchOptions options = suite();

    assertThat(options.only())
        .containsExactly("e2e", "single", "ingest-only", "batch", "batch-ingest-only");
    assertThat(options.home()).isEqualTo(Path.of(".scanflow"));
    assertThat(options.clients()).containsExactly(16, 128);
    assertThat(options.batchClients()).containsExactly(4, 16);
    assertThat(options.rate()).isEqualTo(100);
    assertThat(options.e2eDuration()).isEqualTo(Duration.ofSeconds(60));
    assertThat(options.common().pollInterval).isEqualTo(Duration.ofMillis(100));
    assertThat(options.common().drainTimeout).isEqualTo(Duration.ofMinutes(10));
    assertThat(options.common().markdown).isNull();
    assertThat(options.maxClients()).isEqualTo(128);
  }

  @Test
  void shouldParseTypedDurationsAndLists() {
    BenchOptions options =
        suite(
            "--clients=8", "--warmup=2m", "--poll-interval=50ms", "--only=e2e", "--duration=PT45S");

    assertThat(options.clients()).containsExactly(8);
    assertThat(options.warmup()).isEqualTo(Duration.ofMinutes(2));
    assertThat(options.common().pollInterval).isEqualTo(Duration.ofMillis(50));
    assertThat(options.duration()).isEqualTo(Duration.ofSeconds(45));
    assertThat(options.only()).containsExactly("e2e");
  }

  @Test
  void shouldRefuseUnknownOptionsBadDurationsAndNonPositiveCounts() {
    assertThatThrownBy(() -> suite("--target=10.0.0.1"))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("--target");
    assertThatThrownBy(() -> suite("--warmup=10 seconds"))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("not a duration");
    assertThatThrownBy(() -> suite("--clients=0")).isInstanceOf(ParameterException.class);
    assertThatThrownBy(() -> suite("--only=e2e,fastest"))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("fastest");
  }

  @Test
  void shouldShowEveryDefaultInTheHelpOnce() {
    StringWriter out = new StringWriter();
    CommandLine commandLine = BenchmarkMain.commandLine();
    commandLine.setOut(new PrintWriter(out));

    int exit = commandLine.execute("--help");

    assertThat(exit).isZero();
    // picocli wraps long descriptions: compare the text with the line breaks taken out
    assertThat(out.toString().replaceAll("\\s+", " "))
        .contains("capacity")
        .contains("--warmup=<warmup>")
        .containsOnlyOnce("(default: 10s)")
        .containsOnlyOnce("(default: 16,128)");
  }

  @Test
  void shouldParseTheCapacityCommandWithTheDocumentedDefaults() {
    CapacityOptions options = capacity();

    assertThat(options.validated().all())
        .startsWith(1000, 2000, 4000, 6000, 8000, 10000, 12000, 14000)
        .endsWith(30000);
    assertThat(options.stepDuration).isEqualTo(Duration.ofSeconds(60));
    assertThat(options.overload).isTrue();
    assertThat(options.answerDeadline).isEqualTo(Duration.ofSeconds(5));
    assertThat(options.sampleEvery(8000)).isEqualTo(400);
    assertThat(options.sampleEvery(10)).isEqualTo(1);
    assertThat(options.followedPerSecond).isEqualTo(20);
    assertThat(options.common.polling()).isEqualTo(new PollSchedule(Duration.ofMillis(100)));
    assertThat(options.profile).isNull();
  }

  @Test
  void shouldRefuseAPollIntervalBelowOneMillisecond() {
    assertThatThrownBy(() -> capacity("--poll-interval=0ms").validated())
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("--poll-interval");
    assertThatThrownBy(() -> suite("--poll-interval=0ms"))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("--poll-interval");
  }

  @Test
  void shouldTakeAProfileDirectoryAndRefuseAFile(@TempDir Path dir) throws Exception {
    Path profiles = dir.resolve("profiles");
    Path file = Files.writeString(dir.resolve("taken"), "x");

    assertThat(capacity("--profile=" + profiles).profile).isEqualTo(profiles);
    assertThatThrownBy(() -> capacity("--profile=" + file).validated())
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("--profile")
        .hasMessageContaining("not a directory");
  }

  @Test
  void shouldTakeCapacityRatesAndTheOverloadSwitch() {
    CapacityOptions options =
        capacity(
            "--rates=500,1500",
            "--increment=500",
            "--max-rate=2500",
            "--no-overload",
            "--step-duration=30s",
            "--home=/tmp/scanflow-bench");

    assertThat(options.validated().all()).containsExactly(500, 1500, 2000, 2500);
    assertThat(options.overload).isFalse();
    assertThat(options.stepDuration).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.common.home).isEqualTo(Path.of("/tmp/scanflow-bench"));
  }

  @Test
  void shouldRefuseFallingRatesAndADeadlineBeyondTheAnswerTimeout() {
    assertThatThrownBy(() -> capacity("--rates=2000,1000").validated())
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("rising");
    assertThatThrownBy(() -> capacity("--answer-deadline=40s").validated())
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("--answer-timeout");
  }

  private static BenchOptions suite(String... args) {
    CommandLine commandLine = BenchmarkMain.commandLine();
    commandLine.parseArgs(args);
    BenchOptions options = commandLine.getCommand();
    options.validate();
    return options;
  }

  private static CapacityOptions capacity(String... args) {
    CommandLine commandLine = BenchmarkMain.commandLine();
    String[] all = new String[args.length + 1];
    all[0] = "capacity";
    System.arraycopy(args, 0, all, 1, args.length);
    commandLine.parseArgs(all);
    return commandLine.getSubcommands().get("capacity").getCommand();
  }
}
