package io.scanflow.devstack.service;

import io.scanflow.devstack.DevStackConfig;
import io.scanflow.devstack.process.ChildProcess;
import io.scanflow.devstack.process.JavaCommand;
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
    requireBuilt(service);
    List<String> jvm = new ArrayList<>(List.of("-Xmx384m"));
    if (service.isStreamsApp()) {
      // Kafka Streams pass-through keys are read from system properties most reliably.
      jvm.add("-Dkafka-streams.state.dir=" + config.home().stateDir(service.module()));
    }
    Path app =
        AppSnapshot.of(
            config.serviceJar(service.module()).getParent(),
            config.home().root().resolve("apps").resolve(service.module()));
    List<String> command =
        JavaCommand.of(jvm, List.of("-jar", app.resolve("quarkus-run.jar").toString()));
    return ChildProcess.start(
        service.module(), command, environment(service), config.home().log(service.module()));
  }

  /** Everything is configured through environment variables, as in docker-compose.yml. */
  Map<String, String> environment(ScanflowService service) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
    env.put("QUARKUS_HTTP_PORT", Integer.toString(service.port(config.ports())));
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
      env.put("KAFKA_STREAMS_STATE_DIR", config.home().stateDir(service.module()).toString());
    }
    env.putAll(config.serviceEnv());
    return env;
  }
}
