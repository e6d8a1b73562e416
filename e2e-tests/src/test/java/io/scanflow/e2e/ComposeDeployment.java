package io.scanflow.e2e;

import io.scanflow.devstack.StackInfo;
import io.scanflow.devstack.StackPorts;
import io.scanflow.devstack.compose.ComposeFile;
import io.scanflow.devstack.compose.ComposeSecrets;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.ContainerState;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * docker-compose.yml as a user deploys it, through Testcontainers and the local {@code docker
 * compose}: the service images built ({@code up --build}) from each module's {@code
 * src/main/docker/Dockerfile.jvm} and {@code target/quarkus-app/} (which the reactor builds before
 * e2e-tests), the three {@code apache/kafka} nodes with SASL and ACLs, {@code kafka-init} and
 * PostgreSQL. Started once per test class, taken down with its volumes after it. Ready means every
 * service's own compose health check passed, so a health check whose command is missing from its
 * image fails here. Test classes get a {@link Deployment} or its {@link StackInfo} as a parameter.
 */
final class ComposeDeployment implements BeforeAllCallback, ParameterResolver {
  /** Short, so that an unresolvable session is released within the test. */
  static final String PENDING_TIMEOUT = "3s";

  private static final List<String> SERVICES =
      List.of("ingest-api", "dedupe-stream", "attribution-stream", "reports-sink");

  /** Image builds and three brokers on a CI machine; the health checks allow 30 s + 12 x 10 s. */
  private static final Duration READY_WITHIN = Duration.ofMinutes(10);

  private static final Namespace NAMESPACE = Namespace.create(ComposeDeployment.class);

  /** The running deployment: its connection details, and a way into its Kafka cluster. */
  record Deployment(ComposeContainer compose, StackInfo info)
      implements ExtensionContext.Store.CloseableResource {
    /**
     * Writes one record with Kafka's console producer inside {@code kafka-1}, logged in as the
     * nodes' own user: Kafka is not published to the host, as in production.
     */
    void produce(String topic, String key, String value) {
      ContainerState broker =
          compose
              .getContainerByServiceName("kafka-1-1")
              .orElseThrow(() -> new IllegalStateException("no kafka-1 container"));
      try {
        ExecResult result =
            broker.execInContainer(
                "bash",
                "-c",
                "printf '%s\\t%s\\n' \"$2\" \"$3\" | /opt/kafka/bin/kafka-console-producer.sh"
                    + " --bootstrap-server localhost:9092"
                    + " --producer.config /tmp/scanflow/client.properties"
                    + " --topic \"$1\" --property parse.key=true",
                "produce",
                topic,
                key,
                value);
        if (result.getExitCode() != 0) {
          throw new IllegalStateException(
              "kafka-console-producer.sh exited "
                  + result.getExitCode()
                  + ": "
                  + result.getStderr());
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() {
      compose.stop();
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    deployment(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == Deployment.class || type == StackInfo.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Deployment deployment = deployment(context);
    return parameter.getParameter().getType() == Deployment.class ? deployment : deployment.info();
  }

  private static Deployment deployment(ExtensionContext context) {
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent("deployment", key -> start(), Deployment.class);
  }

  private static Deployment start() {
    Map<String, String> env = new HashMap<>(ComposeSecrets.forTest());
    // the services refuse an admin token shorter than AdminToken.MIN_LENGTH
    String adminToken = "compose-e2e-" + UUID.randomUUID() + UUID.randomUUID();
    env.put("SCANFLOW_ADMIN_TOKEN", adminToken);
    StackPorts ports = StackPorts.free();
    // free host ports: a dev stack or another deployment on 8080-8083 must not make this fail
    env.put("SCANFLOW_INGEST_PORT", Integer.toString(ports.ingest()));
    env.put("SCANFLOW_REPORTS_PORT", Integer.toString(ports.reports()));
    env.put("SCANFLOW_DEDUPE_PORT", Integer.toString(ports.dedupe()));
    env.put("SCANFLOW_ATTRIBUTION_PORT", Integer.toString(ports.attribution()));
    // own image tags, so that a user's scanflow/*:latest stays as it is
    env.put("SCANFLOW_VERSION", "compose-e2e");
    env.put("SCANFLOW_PARTITIONS", "3");
    env.put("SCANFLOW_ATTRIBUTION_PENDING_TIMEOUT", PENDING_TIMEOUT);

    ComposeContainer compose =
        new ComposeContainer(ComposeFile.REPO.resolve("docker-compose.yml").toFile())
            .withEnv(env)
            .withBuild(true)
            // the service images are built, not pulled; up pulls kafka and postgres as needed
            .withPull(false)
            .withRemoveVolumes(true)
            .withStartupTimeout(READY_WITHIN);
    for (String service : SERVICES) {
      compose.waitingFor(service + "-1", Wait.forHealthcheck().withStartupTimeout(READY_WITHIN));
    }
    try {
      compose.start();
    } catch (RuntimeException e) {
      compose.stop();
      throw e;
    }

    String host = DockerClientFactory.instance().dockerHostIpAddress();
    String reportsUrl = "http://" + host + ":" + ports.reports();
    StackInfo info =
        new StackInfo(
            "http://" + host + ":" + ports.ingest(),
            reportsUrl,
            reportsUrl,
            adminToken,
            null,
            null,
            null,
            null,
            null,
            null,
            host,
            null,
            null,
            null);
    return new Deployment(compose, info);
  }
}
