package io.scanflow.devstack.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-compose.yml is safe by default: Kafka is not published to the host, every listener
 * authenticates, every service has a Kafka user of its own, and no secret is in the file. What the
 * broker and the ACLs then do is {@link ComposeKafkaSecurityIT}'s part.
 */
class ComposeSecurityTest {
  static final List<String> BROKERS = List.of("kafka-1", "kafka-2", "kafka-3");
  static final List<String> SERVICES =
      List.of("ingest-api", "dedupe-stream", "attribution-stream", "reports-sink");

  private final ComposeFile compose = ComposeFile.read("docker-compose.yml");

  @TempDir Path work;

  @Test
  void shouldNotPublishKafkaToTheHostByDefault() {
    for (String broker : BROKERS) {
      assertThat(compose.ports(broker)).as(broker).isEmpty();
    }
    assertThat(compose.ports("kafka-init")).isEmpty();
  }

  @Test
  void shouldPublishKafkaOnlyOnTheLoopbackWhenTheOverrideAsks() {
    ComposeFile override = ComposeFile.read("docker-compose.kafka-host.yml");

    assertThat(override.services()).containsOnlyKeys(BROKERS);
    for (String broker : BROKERS) {
      assertThat(override.ports(broker))
          .as(broker)
          .singleElement()
          .satisfies(port -> assertThat(port).startsWith("127.0.0.1:"));
    }
  }

  @Test
  void shouldAuthenticateOnEveryListenerOfEveryBroker() {
    for (String broker : BROKERS) {
      Map<String, String> env = compose.environment(broker);
      Map<String, String> protocols = protocolsByListener(env);

      assertThat(listenerNames(env.get("KAFKA_LISTENERS")))
          .as(broker)
          .isNotEmpty()
          .allSatisfy(
              listener -> assertThat(protocols.get(listener)).as(listener).startsWith("SASL_"));
      assertThat(protocols.keySet())
          .containsAll(listenerNames(env.get("KAFKA_ADVERTISED_LISTENERS")));
      assertThat(env)
          .containsEntry("KAFKA_SASL_ENABLED_MECHANISMS", "SCRAM-SHA-512")
          .containsEntry("KAFKA_SASL_MECHANISM_INTER_BROKER_PROTOCOL", "SCRAM-SHA-512")
          .containsEntry(
              "KAFKA_AUTHORIZER_CLASS_NAME",
              "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
          .containsEntry("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false")
          .containsEntry("KAFKA_SUPER_USERS", "User:kafka;User:admin");
    }
  }

  @Test
  void shouldGiveEveryServiceAKafkaUserOfItsOwn() {
    Map<String, String> secrets = ComposeSecrets.forTest();
    for (String service : SERVICES) {
      Map<String, Object> client = KafkaClientSettings.of(compose, service, secrets);

      assertThat(client)
          .as(service)
          .containsEntry("security.protocol", "SASL_PLAINTEXT")
          .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
      assertThat(client.get("sasl.jaas.config"))
          .as(service)
          .isEqualTo(
              "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                  + service
                  + "\" password=\""
                  + secrets.get(passwordVariable(service))
                  + "\";");
    }
  }

  @Test
  void shouldTakeEverySecretFromTheEnvironment() {
    Pattern fromEnv = Pattern.compile("\\$\\{([A-Z0-9_]+):-}");
    Pattern jaasPassword = Pattern.compile("password=\"([^\"]*)\"");
    for (String service : compose.services().keySet()) {
      compose
          .environment(service)
          .forEach(
              (name, value) -> {
                if (name.contains("PASSWORD") || name.contains("TOKEN")) {
                  assertThat(value).as(service + " " + name).matches(fromEnv);
                }
                Matcher password = jaasPassword.matcher(value);
                while (password.find()) {
                  assertThat(password.group(1)).as(service + " " + name).matches(fromEnv);
                }
                Matcher variable = fromEnv.matcher(value);
                while (variable.find()) {
                  assertThat(ComposeSecrets.names()).as(".env.example").contains(variable.group(1));
                }
              });
    }
  }

  @Test
  void shouldCreateAUserAndAclsForEveryServiceOnly() {
    KafkaInitScript init = init(ComposeSecrets.forTest());
    Map<String, String> secrets = ComposeSecrets.forTest();

    assertThat(init.users()).containsOnlyKeys(SERVICES);
    SERVICES.forEach(
        service ->
            assertThat(init.users().get(service))
                .isEqualTo(secrets.get(passwordVariable(service))));
    List<AclBinding> acls = init.acls();
    assertThat(acls)
        .extracting(acl -> acl.entry().principal())
        .containsOnly(SERVICES.stream().map(service -> "User:" + service).toArray(String[]::new));
    assertThat(acls)
        .noneSatisfy(
            acl -> assertThat(acl.pattern().resourceType()).isEqualTo(ResourceType.CLUSTER));
    // "All" only on a streams app's own internal topics
    assertThat(acls)
        .filteredOn(acl -> acl.entry().operation() == AclOperation.ALL)
        .allSatisfy(
            acl -> {
              assertThat(acl.pattern().patternType()).isEqualTo(PatternType.PREFIXED);
              assertThat(acl.pattern().name()).isEqualTo("scanflow-" + user(acl) + "-");
            });
  }

  @Test
  void shouldRefuseToSetUpKafkaWithoutPasswords() {
    Map<String, String> secrets = new HashMap<>(ComposeSecrets.forTest());
    secrets.put("SCANFLOW_KAFKA_REPORTS_SINK_PASSWORD", "");

    assertThatThrownBy(() -> init(secrets))
        .hasMessageContaining("SCANFLOW_KAFKA_REPORTS_SINK_PASSWORD must be set");
  }

  private KafkaInitScript init(Map<String, String> secrets) {
    return KafkaInitScript.run(work, compose.environment("kafka-init", secrets));
  }

  static String passwordVariable(String service) {
    return "SCANFLOW_KAFKA_" + service.toUpperCase().replace('-', '_') + "_PASSWORD";
  }

  private static String user(AclBinding acl) {
    return acl.entry().principal().substring("User:".length());
  }

  /** {@code CONTROLLER:SASL_PLAINTEXT,BROKER:SASL_PLAINTEXT} by listener name. */
  private static Map<String, String> protocolsByListener(Map<String, String> env) {
    Map<String, String> protocols = new HashMap<>();
    for (String entry : env.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").split(",")) {
      String[] nameProtocol = entry.split(":");
      protocols.put(nameProtocol[0], nameProtocol[1]);
    }
    return protocols;
  }

  /** {@code BROKER://:9092,CONTROLLER://:9093} gives BROKER, CONTROLLER. */
  private static List<String> listenerNames(String listeners) {
    return Arrays.stream(listeners.split(",")).map(l -> l.substring(0, l.indexOf(':'))).toList();
  }
}
