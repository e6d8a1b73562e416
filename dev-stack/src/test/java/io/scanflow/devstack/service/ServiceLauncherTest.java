package io.scanflow.devstack.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanflow.devstack.BindAddress;
import io.scanflow.devstack.DevStackConfig;
import io.scanflow.devstack.StackHome;
import io.scanflow.devstack.StackPorts;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The environment a service is started with; the supervisor's restart starts it with the same one,
 * so a restarted service listens where the first one did.
 */
class ServiceLauncherTest {
  @TempDir Path home;

  @Test
  void shouldStartEveryServiceOnTheLoopbackByDefault() {
    ServiceLauncher launcher = launcher(BindAddress.LOOPBACK);

    for (ScanflowService service : ScanflowService.values()) {
      assertThat(launcher.environment(service))
          .as(service.module())
          .containsEntry("QUARKUS_HTTP_HOST", "127.0.0.1")
          .containsEntry(
              "QUARKUS_HTTP_PORT", Integer.toString(service.port(StackPorts.defaults())));
    }
  }

  @Test
  void shouldStartServicesOnTheBindAddress() {
    ServiceLauncher launcher = launcher(new BindAddress("0.0.0.0"));

    assertThat(launcher.environment(ScanflowService.INGEST_API))
        .containsEntry("QUARKUS_HTTP_HOST", "0.0.0.0");
  }

  @Test
  void shouldKeepTheServicesLogsReadableTextRatherThanProductionJson() {
    ServiceLauncher launcher = launcher(BindAddress.LOOPBACK);

    for (ScanflowService service : ScanflowService.values()) {
      assertThat(launcher.environment(service))
          .as(service.module())
          .containsEntry("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
    }
  }

  private ServiceLauncher launcher(BindAddress bind) {
    DevStackConfig config =
        new DevStackConfig(
            home,
            new StackHome(home.resolve(".scanflow")),
            StackPorts.defaults(),
            bind,
            false,
            false,
            "",
            Map.of());
    return new ServiceLauncher(config, "127.0.0.1:9092", "jdbc:postgresql://x/y", "token");
  }
}
