package io.scanflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DevStackCliTest {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  /** What ran: the command and its config, as {@code up} or {@code replay} would get it. */
  private record Ran(String command, DevStackConfig config) {}

  private final List<Ran> ran = new ArrayList<>();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void shouldUseDefaultPortsHomeAndBindAddressWithoutOptions() {
    DevStackConfig config = up(Map.of());

    assertThat(config.ports()).isEqualTo(StackPorts.defaults());
    assertThat(config.home().root()).isEqualTo(REPO.resolve(".scanflow"));
    assertThat(config.bind()).isEqualTo(BindAddress.LOOPBACK);
    assertThat(config.clean()).isFalse();
    assertThat(config.fastUnsafeDatabase()).isFalse();
    assertThat(config.serviceEnv()).isEmpty();
  }

  @Test
  void shouldRunTheCommandNamedWithTheSameOptions() {
    assertThat(run(Map.of(), "replay", "--home=/tmp/stack", "--control-port=18089")).isZero();

    assertThat(ran).hasSize(1);
    assertThat(ran.get(0).command()).isEqualTo("replay");
    assertThat(ran.get(0).config().home().root()).isEqualTo(Path.of("/tmp/stack"));
    assertThat(ran.get(0).config().ports().control()).isEqualTo(18089);
  }

  @Test
  void shouldTakeEveryPortFromItsOwnOption() {
    DevStackConfig config =
        up(
            Map.of(),
            "--ingest-port=1",
            "--reports-port=2",
            "--dedupe-port=3",
            "--attribution-port=4",
            "--kafka-port=5",
            "--kafka-controller-port=6",
            "--postgres-port",
            "7",
            "--control-port=65535");

    assertThat(config.ports()).isEqualTo(new StackPorts(1, 2, 3, 4, 5, 6, 7, 65535));
  }

  @Test
  void shouldTakeOptionsBeforeTheEnvironment() {
    DevStackConfig config =
        up(
            Map.of("SCANFLOW_DEV_INGEST_PORT", "28080", "SCANFLOW_DEV_KAFKA_PORT", "19092"),
            "--ingest-port=18080",
            "--clean");

    assertThat(config.ports().ingest()).isEqualTo(18080);
    assertThat(config.ports().kafka()).isEqualTo(19092);
    assertThat(config.clean()).isTrue();
  }

  @Test
  void shouldResolveARelativeHomeAgainstTheWorkingDirectory() {
    assertThat(up(Map.of(), "--home=/tmp/elsewhere").home().root())
        .isEqualTo(Path.of("/tmp/elsewhere"));
    assertThat(up(Map.of("SCANFLOW_DEV_HOME", "build/stack")).home().root())
        .isEqualTo(REPO.resolve("build/stack"));
  }

  @Test
  void shouldPassSetOptionsToServicesAsEnvironment() {
    DevStackConfig config =
        up(
            Map.of(),
            "--set=SCANFLOW_ATTRIBUTION_PENDING_TIMEOUT=3s",
            "--set",
            "SCANFLOW_DEDUPE_WINDOW=a=b");

    assertThat(config.serviceEnv())
        .containsEntry("SCANFLOW_ATTRIBUTION_PENDING_TIMEOUT", "3s")
        .containsEntry("SCANFLOW_DEDUPE_WINDOW", "a=b")
        .hasSize(2);
  }

  @Test
  void shouldRefuseUnknownOptionsAndCommandsWithoutRunningAnything() {
    assertThat(run(Map.of(), "up", "--colour")).isEqualTo(2);
    assertThat(run(Map.of(), "down")).isEqualTo(2);
    assertThat(run(Map.of(), "up", "--set=NO_VALUE")).isEqualTo(2);

    assertThat(err.toString())
        .contains("Unknown option: '--colour'")
        .contains("'down'")
        .contains("NAME=VALUE");
    assertThat(ran).isEmpty();
  }

  @Test
  void shouldRefuseWhatIsNotAPortFromTheCommandLineOrTheEnvironment() {
    assertThat(run(Map.of(), "up", "--kafka-port=99999")).isEqualTo(2);
    assertThat(run(Map.of(), "up", "--kafka-port=0")).isEqualTo(2);
    assertThat(run(Map.of(), "up", "--kafka-port=ninety")).isEqualTo(2);
    assertThat(run(Map.of("SCANFLOW_DEV_POSTGRES_PORT", "-1"), "up")).isEqualTo(2);

    assertThat(err.toString())
        .contains("'--kafka-port': must be a port number (1-65535), not '99999'")
        .contains("not '0'")
        .contains("not 'ninety'")
        .contains("'--postgres-port': must be a port number (1-65535), not '-1'");
    assertThat(ran).isEmpty();
  }

  @Test
  void shouldRunOneBrokerAndOneInstanceUnlessAskedForMore() {
    assertThat(up(Map.of()).scale()).isEqualTo(StackScale.SINGLE);
    assertThat(up(Map.of(), "--brokers=3", "--instances=2").scale())
        .isEqualTo(new StackScale(3, 2));
    assertThat(up(Map.of("SCANFLOW_DEV_INSTANCES", "2")).scale()).isEqualTo(new StackScale(1, 2));
  }

  @Test
  void shouldRefuseNoBrokersOrMoreInstancesThanTheStackHasPortsFor() {
    assertThat(run(Map.of(), "up", "--brokers=0")).isEqualTo(2);
    assertThat(run(Map.of(), "up", "--instances=6")).isEqualTo(2);

    assertThat(err.toString())
        .contains("'--brokers': must be a number from 1 to 5, not '0'")
        .contains("'--instances': must be a number from 1 to 5, not '6'");
    assertThat(ran).isEmpty();
  }

  @Test
  void shouldBindToTheLoopbackUnlessToldOtherwise() {
    assertThat(up(Map.of(), "--bind=0.0.0.0").bind()).isEqualTo(new BindAddress("0.0.0.0"));
    assertThat(up(Map.of("SCANFLOW_DEV_BIND", "0.0.0.0")).bind())
        .isEqualTo(new BindAddress("0.0.0.0"));
  }

  @Test
  void shouldRefuseABindOptionWithoutAnIpv4Address() {
    assertThat(run(Map.of(), "up", "--bind")).isEqualTo(2);
    assertThat(run(Map.of(), "up", "--bind=localhost")).isEqualTo(2);

    assertThat(err.toString())
        .contains("Missing required parameter for option '--bind' (ADDRESS)")
        .contains("--bind must be an IPv4 address");
    assertThat(ran).isEmpty();
  }

  @Test
  void shouldRunADurableDatabaseUnlessAskedForAFastUnsafeOne() {
    assertThat(up(Map.of()).fastUnsafeDatabase()).isFalse();
    assertThat(up(Map.of(), "--fast-unsafe-db").fastUnsafeDatabase()).isTrue();
    assertThat(up(Map.of("SCANFLOW_DEV_FAST_UNSAFE_DB", "true")).fastUnsafeDatabase()).isTrue();
    assertThat(up(Map.of("SCANFLOW_DEV_FAST_UNSAFE_DB", "yes")).fastUnsafeDatabase()).isTrue();
    assertThat(up(Map.of("SCANFLOW_DEV_FAST_UNSAFE_DB", "FALSE")).fastUnsafeDatabase()).isFalse();
  }

  @Test
  void shouldListEveryOptionOnceWithItsDefaultInTheHelp() {
    assertThat(run(Map.of(), "--help")).isZero();

    String help = out.toString();
    assertThat(help)
        .contains("up ", "replay ", "--clean", "--fast-unsafe-db", "--set=NAME=VALUE")
        .contains("--home=DIR", "Default: .scanflow")
        .contains("--bind=ADDRESS", "Default: 127.0.0.1")
        .contains("SCANFLOW_DEV_<NAME>");
    StackPorts.defaults()
        .byRole()
        .values()
        .forEach(port -> assertThat(help).contains("Default: " + port + System.lineSeparator()));
    assertThat(help.split("--kafka-port=", -1)).hasSize(2);
    assertThat(ran).isEmpty();
  }

  @Test
  void shouldShowTheHelpWithoutACommandAndForEachCommand() {
    assertThat(run(Map.of())).isZero();
    assertThat(run(Map.of(), "help")).isZero();
    assertThat(run(Map.of(), "up", "--help")).isZero();
    assertThat(run(Map.of(), "help", "replay")).isZero();

    assertThat(out.toString())
        .contains("Usage: ./scanflow [-h] [COMMAND]")
        .contains("Usage: ./scanflow up [OPTIONS]")
        .contains("Usage: ./scanflow replay [OPTIONS]");
    assertThat(ran).isEmpty();
  }

  @Test
  void shouldShowEnvironmentValuesAsTheDefaultsInTheHelp() {
    run(Map.of("SCANFLOW_DEV_INGEST_PORT", "18080"), "up", "--help");

    assertThat(out.toString()).contains("Default: 18080").doesNotContain("Default: 8080");
  }

  private DevStackConfig up(Map<String, String> env, String... options) {
    ran.clear();
    String[] args = new String[options.length + 1];
    args[0] = "up";
    System.arraycopy(options, 0, args, 1, options.length);
    assertThat(run(env, args)).as(err.toString()).isZero();
    assertThat(ran).extracting(Ran::command).containsExactly("up");
    return ran.get(0).config();
  }

  private int run(Map<String, String> env, String... args) {
    CommandLine cli =
        DevStackCli.create(
            config -> record("up", config), config -> record("replay", config), env, REPO);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private int record(String command, DevStackConfig config) {
    ran.add(new Ran(command, config));
    return 0;
  }
}
