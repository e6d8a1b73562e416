package io.scanflow.devstack.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * {@code deploy/kafka/init.sh} (compose's kafka-init) run with stand-ins for Kafka's command-line
 * tools that record how they were called: what the script does to a cluster, without one. The
 * recorded calls, read back as users, topics and ACLs, can then be applied to a real broker.
 */
public final class KafkaInitScript {
  public static final String SCRIPT = "deploy/kafka/init.sh";
  private static final String SEPARATOR = "\u001f";
  private static final List<String> TOOLS =
      List.of("kafka-configs.sh", "kafka-topics.sh", "kafka-acls.sh");

  /** Records its name and arguments; a config file is recorded by its content. */
  private static final String RECORDER =
      """
      #!/usr/bin/env bash
      args=("$(basename "$0")")
      while [ $# -gt 0 ]; do
        if [ "$1" = --add-config-file ]; then args+=("$1" "$(cat "$2")"); shift 2
        else args+=("$1"); shift; fi
      done
      (IFS=$'\\x1f'; printf '%s\\n' "${args[*]}") >> "$SCANFLOW_TEST_RECORD"
      """;

  /** One call of a tool, e.g. {@code kafka-acls.sh --add --allow-principal User:x ...}. */
  public record Call(String tool, List<String> args) {
    List<String> values(String option) {
      List<String> values = new ArrayList<>();
      for (int i = 0; i < args.size() - 1; i++) {
        if (args.get(i).equals(option)) {
          values.add(args.get(i + 1));
        }
      }
      return values;
    }

    String value(String option) {
      List<String> values = values(option);
      if (values.size() != 1) {
        throw new IllegalStateException(option + " given " + values.size() + " times in " + this);
      }
      return values.get(0);
    }
  }

  private final List<Call> calls;

  private KafkaInitScript(List<Call> calls) {
    this.calls = calls;
  }

  /**
   * Runs the script in {@code work} with {@code env} (passwords, BOOTSTRAP, PARTITIONS) and fails
   * with its output if it fails.
   */
  public static KafkaInitScript run(Path work, Map<String, String> env) {
    try {
      Path bin = Files.createDirectories(work.resolve("bin"));
      for (String tool : TOOLS) {
        Path shim = bin.resolve(tool);
        Files.writeString(shim, RECORDER);
        Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwx------"));
      }
      Path record = work.resolve("calls");
      Files.writeString(record, "");
      ProcessBuilder builder =
          new ProcessBuilder("bash", ComposeFile.REPO.resolve(SCRIPT).toString())
              .redirectErrorStream(true)
              .redirectOutput(work.resolve("output").toFile());
      builder.environment().putAll(env);
      builder.environment().put("KAFKA_BIN", bin.toString());
      builder.environment().put("SCANFLOW_KAFKA_WORK_DIR", work.resolve("tmp").toString());
      builder.environment().put("SCANFLOW_TEST_RECORD", record.toString());
      Process process = builder.start();
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(
            SCRIPT + " failed:\n" + Files.readString(work.resolve("output")));
      }
      return new KafkaInitScript(
          Files.readAllLines(record).stream()
              .map(line -> Arrays.asList(line.split(SEPARATOR, -1)))
              .map(parts -> new Call(parts.get(0), List.copyOf(parts.subList(1, parts.size()))))
              .toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public List<Call> calls(String tool) {
    return calls.stream().filter(call -> call.tool().equals(tool)).toList();
  }

  /** User name to password, as set with {@code kafka-configs --alter --entity-type users}. */
  public Map<String, String> users() {
    Map<String, String> users = new LinkedHashMap<>();
    for (Call call : calls("kafka-configs.sh")) {
      String credential = call.value("--add-config-file").trim();
      String prefix = "SCRAM-SHA-512=password=";
      if (!call.value("--entity-type").equals("users") || !credential.startsWith(prefix)) {
        throw new IllegalStateException("Not a SCRAM-SHA-512 user: " + call);
      }
      users.put(call.value("--entity-name"), credential.substring(prefix.length()));
    }
    return users;
  }

  /** Topic name to the configs it is created with ({@code --config name=value}). */
  public Map<String, Map<String, String>> topics() {
    Map<String, Map<String, String>> topics = new LinkedHashMap<>();
    for (Call call : calls("kafka-topics.sh")) {
      if (!call.args().contains("--create")) {
        continue;
      }
      Map<String, String> configs = new LinkedHashMap<>();
      for (String config : call.values("--config")) {
        String[] nameValue = config.split("=", 2);
        configs.put(nameValue[0], nameValue[1]);
      }
      topics.put(call.value("--topic"), configs);
    }
    return topics;
  }

  public List<Call> topicCreations() {
    return calls("kafka-topics.sh").stream()
        .filter(call -> call.args().contains("--create"))
        .toList();
  }

  /** The ACLs the {@code kafka-acls --add} calls create, one binding per resource and operation. */
  public List<AclBinding> acls() {
    List<AclBinding> acls = new ArrayList<>();
    for (Call call : calls("kafka-acls.sh")) {
      requireKnownOptions(call);
      PatternType patternType =
          call.values("--resource-pattern-type").isEmpty()
              ? PatternType.LITERAL
              : PatternType.fromString(
                  call.value("--resource-pattern-type").toUpperCase(Locale.ROOT));
      Map<String, ResourceType> resources =
          Map.of(
              "--topic", ResourceType.TOPIC,
              "--group", ResourceType.GROUP,
              "--transactional-id", ResourceType.TRANSACTIONAL_ID);
      resources.forEach(
          (option, type) -> {
            for (String name : call.values(option)) {
              for (String operation : call.values("--operation")) {
                acls.add(
                    new AclBinding(
                        new ResourcePattern(type, name, patternType),
                        new AccessControlEntry(
                            call.value("--allow-principal"),
                            "*",
                            AclOperation.fromString(operation),
                            AclPermissionType.ALLOW)));
              }
            }
          });
    }
    return acls;
  }

  /** What {@link #acls()} cannot read would otherwise be left out silently. */
  private static void requireKnownOptions(Call call) {
    List<String> known =
        List.of(
            "--bootstrap-server",
            "--command-config",
            "--allow-principal",
            "--operation",
            "--topic",
            "--group",
            "--transactional-id",
            "--resource-pattern-type");
    List<String> args = call.args();
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equals("--add")) {
        continue;
      }
      if (!known.contains(args.get(i)) || i + 1 == args.size()) {
        throw new IllegalStateException(
            "Unexpected kafka-acls argument " + args.get(i) + " in " + call);
      }
      i++;
    }
  }
}
