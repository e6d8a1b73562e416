package io.scanflow.devstack.service;

import io.scanflow.devstack.DevStackConfig;
import io.scanflow.devstack.StackHome;
import io.scanflow.devstack.process.ChildProcess;
import io.scanflow.devstack.process.JavaCommand;
import io.scanflow.devstack.process.JvmMemory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts one service as {@code java -jar quarkus-run.jar} from a snapshot of its module's {@code
 * target/quarkus-app}.
 */
public final class ServiceLauncher {
  private static final int HEARTBEAT_INTERVAL_MS = 1000;

  private final DevStackConfig config;
  private final String kafkaBootstrap;
  private final String jdbcUrl;
  private final String adminToken;

  public ServiceLauncher(
      DevStackConfig config, String kafkaBootstrap, String jdbcUrl, String adminToken) {
    this.config = config;
    this.kafkaBootstrap = kafkaBootstrap;
    this.jdbcUrl = jdbcUrl;
    this.adminToken = adminToken;
  }

  /** Fails with the command that builds it when a service's jar is missing. */
  public void requireBuilt(ScanflowService service) {
    Path jar = config.serviceJar(service.module());
    if (!Files.exists(jar)) {
      throw new IllegalStateException(
          jar
              + " is missing. Build it with: ./mvnw install -DskipTests -pl "
              + service.module()
              + " -am (./scanflow up does this for you)");
    }
  }

  public ChildProcess start(ScanflowService service) {
    return start(new ServiceInstance(service, 1));
  }

  /** Starts one instance; each has its own port, log, state directory and copy of the app. */
  public ChildProcess start(ServiceInstance instance) {
    return start(instance, LaunchSettings.OWN);
  }

  /** Starts one instance with {@code settings} on top of its own (a replay's catch-up settings). */
  public ChildProcess start(ServiceInstance instance, LaunchSettings settings) {
    ScanflowService service = instance.service();
    requireBuilt(service);
    Path app =
        AppSnapshot.of(
            config.serviceJar(service.module()).getParent(),
            config.home().root().resolve("apps").resolve(instance.name()));
    emptyTmpDir(instance);
    List<String> jvm = new ArrayList<>(jvmOptions(instance, settings));
    settings.systemProperties().forEach((key, value) -> jvm.add("-D" + key + "=" + value));
    List<String> command =
        JavaCommand.of(jvm, List.of("-jar", app.resolve("quarkus-run.jar").toString()));
    return ChildProcess.start(
        instance.name(), command, environment(instance), config.home().log(instance.name()));
  }

  /** The JVM options of an instance with its own settings. */
  List<String> jvmOptions(ServiceInstance instance) {
    return jvmOptions(instance, LaunchSettings.OWN);
  }

  /**
   * The JVM options of an instance. ingest-api always keeps the heap it grows (see {@link
   * JvmMemory#HEAP_FREE_RATIOS}), the other services only when the settings say so. Pass-through
   * keys (Kafka Streams', a channel's consumer's) are set here as system properties: they are read
   * most reliably this way.
   */
  List<String> jvmOptions(ServiceInstance instance, LaunchSettings settings) {
    ScanflowService service = instance.service();
    boolean giveBackHeap = service != ScanflowService.INGEST_API && !settings.keepGrownHeap();
    List<String> jvm = new ArrayList<>(JvmMemory.options(settings.maxHeap(), giveBackHeap));
    if (service == ScanflowService.REPORTS_SINK) {
      jvm.add(JvmMemory.REPORTS_SINK_COMPILER);
    }
    jvm.add("-Djava.io.tmpdir=" + config.home().tmpDir(instance.name()));
    if (service.isStreamsApp()) {
      jvm.add("-Dkafka-streams.state.dir=" + stateDir(instance));
    }
    if (config.scale().instances() > 1 && service.isDerived()) {
      String prefix =
          service.isStreamsApp() ? "kafka-streams." : "mp.messaging.incoming.reports-in.";
      // Kafka Streams adds the thread's index: scanflow-dedupe-stream-2-1.
      jvm.add("-D" + prefix + "group.instance.id=" + instance.groupInstanceId());
      // A member learns of a rebalance (another instance died) with its next heartbeat: every
      // second instead of every 3 s takes over a dead instance's partitions sooner.
      jvm.add("-D" + prefix + "heartbeat.interval.ms=" + HEARTBEAT_INTERVAL_MS);
    }
    return jvm;
  }

  /** What a killed JVM of this instance left behind goes before the next one starts. */
  void emptyTmpDir(ServiceInstance instance) {
    Path tmp = config.home().tmpDir(instance.name());
    StackHome.deleteRecursively(tmp);
    try {
      Files.createDirectories(tmp);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + tmp, e);
    }
  }

  private Path stateDir(ServiceInstance instance) {
    return config.home().stateDir(instance.service().module(), instance.number());
  }

  Map<String, String> environment(ScanflowService service) {
    return environment(new ServiceInstance(service, 1));
  }

  /** Everything is configured through environment variables, as in docker-compose.yml. */
  Map<String, String> environment(ServiceInstance instance) {
    ScanflowService service = instance.service();
    Map<String, String> env = new LinkedHashMap<>(JvmMemory.environment());
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
    env.put("QUARKUS_HTTP_PORT", Integer.toString(instance.port(config.ports())));
    // Quarkus listens on 0.0.0.0 by default in prod mode.
    env.put("QUARKUS_HTTP_HOST", config.bind().host());
    env.put("SCANFLOW_ADMIN_TOKEN", adminToken);
    // Production logs are JSON lines for a collector; the stack's log files are read by people.
    env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
    if (service == ScanflowService.REPORTS_SINK) {
      env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
      env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
      env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
    }
    if (service.isStreamsApp()) {
      env.put("KAFKA_STREAMS_STATE_DIR", stateDir(instance).toString());
    }
    if (service == ScanflowService.INGEST_API) {
      env.put(
          "SCANFLOW_TOPICS_REPLICATION_FACTOR", Short.toString(config.scale().replicationFactor()));
    }
    env.putAll(config.serviceEnv());
    return env;
  }
}
