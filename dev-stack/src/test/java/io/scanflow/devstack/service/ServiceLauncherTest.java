package io.scanflow.devstack.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanflow.devstack.BindAddress;
import io.scanflow.devstack.DevStackConfig;
import io.scanflow.devstack.StackHome;
import io.scanflow.devstack.StackPorts;
import io.scanflow.devstack.StackScale;
import io.scanflow.devstack.process.JvmMemory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  @Test
  void shouldGiveTheSecondInstanceItsOwnPortStateAndStaticGroupMembership() {
    ServiceLauncher launcher =
        new ServiceLauncher(
            config(BindAddress.LOOPBACK).withScale(new StackScale(3, 2)), "b", "j", "t");
    ServiceInstance second = new ServiceInstance(ScanflowService.ATTRIBUTION_STREAM, 2);

    assertThat(launcher.environment(second))
        .containsEntry("QUARKUS_HTTP_PORT", "8183")
        .containsEntry(
            "KAFKA_STREAMS_STATE_DIR",
            home.resolve(".scanflow/data/attribution-stream-2/state").toString());
    assertThat(launcher.jvmOptions(second))
        .contains(
            "-Dkafka-streams.group.instance.id=scanflow-attribution-stream-2",
            "-Dkafka-streams.heartbeat.interval.ms=1000");
    assertThat(launcher.jvmOptions(new ServiceInstance(ScanflowService.REPORTS_SINK, 1)))
        .contains("-Dmp.messaging.incoming.reports-in.group.instance.id=scanflow-reports-sink-1");
    assertThat(launcher.environment(ScanflowService.INGEST_API))
        .containsEntry("SCANFLOW_TOPICS_REPLICATION_FACTOR", "3");
  }

  @Test
  void shouldLeaveASingleInstanceADynamicGroupMember() {
    ServiceLauncher launcher = launcher(BindAddress.LOOPBACK);

    for (ScanflowService service : ScanflowService.values()) {
      assertThat(launcher.jvmOptions(new ServiceInstance(service, 1)))
          .noneMatch(option -> option.contains("group.instance.id"))
          .noneMatch(option -> option.contains("heartbeat"));
    }
    assertThat(launcher.environment(ScanflowService.INGEST_API))
        .containsEntry("SCANFLOW_TOPICS_REPLICATION_FACTOR", "1");
  }

  @Test
  void shouldStartEveryServiceWithASmallGrowingHeapAndTheSerialCollector() {
    ServiceLauncher launcher = launcher(BindAddress.LOOPBACK);

    for (ScanflowService service : ScanflowService.values()) {
      assertThat(launcher.jvmOptions(new ServiceInstance(service, 1)))
          .contains("-Xms32m", "-Xmx128m", "-XX:+UseSerialGC");
      assertThat(launcher.environment(service)).containsEntry("MALLOC_ARENA_MAX", "2");
    }
  }

  @Test
  void shouldMakeEveryServiceExitWhenItsHeapRunsOutSoThatTheSupervisorRestartsIt() {
    ServiceLauncher launcher = launcher(BindAddress.LOOPBACK);

    for (ScanflowService service : ScanflowService.values()) {
      assertThat(launcher.jvmOptions(new ServiceInstance(service, 1)))
          .contains("-XX:+ExitOnOutOfMemoryError");
    }
  }

  @Test
  void shouldGiveBackTheHeapABurstGrewInEveryServiceButIngestApi() {
    ServiceLauncher launcher = launcher(BindAddress.LOOPBACK);

    for (ScanflowService service : ScanflowService.values()) {
      List<String> options = launcher.jvmOptions(new ServiceInstance(service, 1));
      if (service == ScanflowService.INGEST_API) {
        assertThat(options).noneMatch(option -> option.contains("HeapFreeRatio"));
      } else {
        assertThat(options).containsAll(JvmMemory.HEAP_FREE_RATIOS);
      }
    }
  }

  @Test
  void shouldStartAnInstanceWithTheHeapItsLaunchSettingsAskFor() {
    ServiceLauncher launcher = launcher(BindAddress.LOOPBACK);

    for (ScanflowService service : ScanflowService.values()) {
      assertThat(
              launcher.jvmOptions(
                  new ServiceInstance(service, 1), new LaunchSettings(Map.of(), "-Xmx200m", true)))
          .noneMatch(option -> option.contains("HeapFreeRatio"))
          .contains("-Xmx200m")
          .doesNotContain(JvmMemory.SERVICE_MAX_HEAP);
    }
  }

  @Test
  void shouldCompileOnlyReportsSinkWithC1() {
    ServiceLauncher launcher = launcher(BindAddress.LOOPBACK);

    for (ScanflowService service : ScanflowService.values()) {
      List<String> options = launcher.jvmOptions(new ServiceInstance(service, 1));
      if (service == ScanflowService.REPORTS_SINK) {
        assertThat(options).contains("-XX:TieredStopAtLevel=1");
      } else {
        assertThat(options).noneMatch(option -> option.startsWith("-XX:TieredStopAtLevel"));
      }
    }
  }

  @Test
  void shouldGiveEachInstanceItsOwnTemporaryDirectoryInTheStackHome() {
    ServiceLauncher launcher = launcher(BindAddress.LOOPBACK);
    Path stackHome = home.resolve(".scanflow");

    assertThat(launcher.jvmOptions(new ServiceInstance(ScanflowService.DEDUPE_STREAM, 1)))
        .contains("-Djava.io.tmpdir=" + stackHome.resolve("tmp").resolve("dedupe-stream"));
    assertThat(launcher.jvmOptions(new ServiceInstance(ScanflowService.DEDUPE_STREAM, 2)))
        .contains("-Djava.io.tmpdir=" + stackHome.resolve("tmp").resolve("dedupe-stream-2"));
  }

  @Test
  void shouldRemoveWhatAKilledInstanceLeftInItsTemporaryDirectory() throws Exception {
    ServiceLauncher launcher = launcher(BindAddress.LOOPBACK);
    ServiceInstance instance = new ServiceInstance(ScanflowService.ATTRIBUTION_STREAM, 1);
    Path tmp = home.resolve(".scanflow").resolve("tmp").resolve("attribution-stream");
    Files.createDirectories(tmp.resolve("vertx-cache"));
    Files.writeString(tmp.resolve("librocksdbjni123.so"), "left by a killed JVM");

    launcher.emptyTmpDir(instance);

    assertThat(tmp).isEmptyDirectory();
  }

  private ServiceLauncher launcher(BindAddress bind) {
    return new ServiceLauncher(config(bind), "127.0.0.1:9092", "jdbc:postgresql://x/y", "token");
  }

  private DevStackConfig config(BindAddress bind) {
    return new DevStackConfig(
        home,
        new StackHome(home.resolve(".scanflow")),
        StackPorts.defaults(),
        StackScale.SINGLE,
        bind,
        false,
        false,
        "",
        Map.of());
  }
}
