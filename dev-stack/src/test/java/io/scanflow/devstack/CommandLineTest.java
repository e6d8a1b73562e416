package io.scanflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandLineTest {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  @Test
  void shouldUseDefaultPortsAndHomeWithoutOptions() {
    DevStackConfig config = CommandLine.parse(new String[] {"up"}, Map.of(), REPO);

    assertThat(config.ports()).isEqualTo(StackPorts.defaults());
    assertThat(config.home().root()).isEqualTo(REPO.resolve(".scanflow"));
    assertThat(config.clean()).isFalse();
  }

  @Test
  void shouldTakePortsFromOptionsBeforeEnvironment() {
    DevStackConfig config =
        CommandLine.parse(
            new String[] {"up", "--ingest-port=18080", "--clean"},
            Map.of("SCANFLOW_DEV_INGEST_PORT", "28080", "SCANFLOW_DEV_KAFKA_PORT", "19092"),
            REPO);

    assertThat(config.ports().ingest()).isEqualTo(18080);
    assertThat(config.ports().kafka()).isEqualTo(19092);
    assertThat(config.clean()).isTrue();
  }

  @Test
  void shouldPassSetOptionsToServicesAsEnvironment() {
    DevStackConfig config =
        CommandLine.parse(
            new String[] {"up", "--set=SCANFLOW_ATTRIBUTION_PENDING_TIMEOUT=3s"}, Map.of(), REPO);

    assertThat(config.serviceEnv()).containsEntry("SCANFLOW_ATTRIBUTION_PENDING_TIMEOUT", "3s");
  }

  @Test
  void shouldRefuseUnknownOptionsAndBadPorts() {
    assertThatThrownBy(() -> CommandLine.parse(new String[] {"up", "--colour"}, Map.of(), REPO))
        .hasMessageContaining("Unknown option --colour");
    assertThatThrownBy(
            () -> CommandLine.parse(new String[] {"up", "--kafka-port=99999"}, Map.of(), REPO))
        .hasMessageContaining("--kafka-port must be a port number");
  }

  @Test
  void shouldBindToTheLoopbackUnlessToldOtherwise() {
    assertThat(CommandLine.parse(new String[] {"up"}, Map.of(), REPO).bind())
        .isEqualTo(BindAddress.LOOPBACK);
    assertThat(CommandLine.parse(new String[] {"up", "--bind=0.0.0.0"}, Map.of(), REPO).bind())
        .isEqualTo(new BindAddress("0.0.0.0"));
    assertThat(
            CommandLine.parse(new String[] {"up"}, Map.of("SCANFLOW_DEV_BIND", "0.0.0.0"), REPO)
                .bind())
        .isEqualTo(new BindAddress("0.0.0.0"));
  }

  @Test
  void shouldRefuseABindOptionWithoutAnAddress() {
    assertThatThrownBy(() -> CommandLine.parse(new String[] {"up", "--bind"}, Map.of(), REPO))
        .hasMessageContaining("--bind needs a value: --bind=VALUE");
    assertThatThrownBy(
            () -> CommandLine.parse(new String[] {"up", "--bind=localhost"}, Map.of(), REPO))
        .hasMessageContaining("--bind must be an IPv4 address");
  }

  @Test
  void shouldRunADurableDatabaseUnlessAskedForAFastUnsafeOne() {
    assertThat(CommandLine.parse(new String[] {"up"}, Map.of(), REPO).fastUnsafeDatabase())
        .isFalse();
    assertThat(
            CommandLine.parse(new String[] {"up", "--fast-unsafe-db"}, Map.of(), REPO)
                .fastUnsafeDatabase())
        .isTrue();
    assertThat(
            CommandLine.parse(
                    new String[] {"up"}, Map.of("SCANFLOW_DEV_FAST_UNSAFE_DB", "true"), REPO)
                .fastUnsafeDatabase())
        .isTrue();
    assertThat(
            CommandLine.parse(
                    new String[] {"up"}, Map.of("SCANFLOW_DEV_FAST_UNSAFE_DB", "false"), REPO)
                .fastUnsafeDatabase())
        .isFalse();
  }
}
