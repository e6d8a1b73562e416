package io.scanflow.devstack.infra;

import io.scanflow.devstack.BindAddress;
import io.scanflow.devstack.Poll;
import io.scanflow.devstack.process.ChildProcess;
import io.scanflow.devstack.process.JavaCommand;
import io.scanflow.devstack.process.JvmMemory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real KRaft broker (combined broker + controller) in its own JVM, from the {@code kafka_2.13}
 * jars on the supervisor's class path: a single node, or one node of a {@link KafkaCluster}.
 * Storage is formatted once and then reused. It has no authentication, so its client listener is on
 * the bind address (loopback unless {@code --bind}) and its controller listener, which only the
 * brokers themselves use, always on the loopback.
 */
public final class KafkaBroker {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

  private final int nodeId;
  private final Path dir;
  private final BindAddress bind;
  private final int port;
  private final int controllerPort;
  private final String quorumVoters;
  private final int clusterSize;
  private final String classpath;
  private final Path log;
  private volatile String clusterId = Uuid.randomUuid().toString();

  /** A single-node cluster. */
  public KafkaBroker(
      Path dir, BindAddress bind, int port, int controllerPort, String classpath, Path log) {
    this(1, dir, bind, port, controllerPort, "1@" + controller(controllerPort), 1, classpath, log);
  }

  /**
   * Node {@code nodeId} of a cluster of {@code clusterSize} combined nodes.
   *
   * @param quorumVoters {@code controller.quorum.voters}: every node's id and controller address
   */
  KafkaBroker(
      int nodeId,
      Path dir,
      BindAddress bind,
      int port,
      int controllerPort,
      String quorumVoters,
      int clusterSize,
      String classpath,
      Path log) {
    this.nodeId = nodeId;
    this.dir = dir;
    this.bind = bind;
    this.port = port;
    this.controllerPort = controllerPort;
    this.quorumVoters = quorumVoters;
    this.clusterSize = clusterSize;
    this.classpath = classpath;
    this.log = log;
  }

  /** The controller listener's address. */
  static String controller(int controllerPort) {
    return BindAddress.LOOPBACK.host() + ":" + controllerPort;
  }

  /** The cluster id its storage is formatted with, when it is not formatted yet. */
  void useClusterId(String clusterId) {
    this.clusterId = clusterId;
  }

  /** The cluster id of its formatted storage, if any. */
  java.util.Optional<String> formattedClusterId() {
    Path meta = dir.resolve("logs").resolve("meta.properties");
    if (!Files.exists(meta)) {
      return java.util.Optional.empty();
    }
    Properties props = new Properties();
    try (var in = Files.newBufferedReader(meta)) {
      props.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return java.util.Optional.ofNullable(props.getProperty("cluster.id"));
  }

  public String bootstrapServers() {
    return bind.connectHost() + ":" + port;
  }

  /** Formats the storage if needed, starts the broker and waits until it answers. */
  public ChildProcess start() {
    ChildProcess broker = launch();
    try {
      awaitReady(broker);
    } catch (RuntimeException e) {
      broker.stop(Duration.ofSeconds(10));
      throw e;
    }
    return broker;
  }

  /**
   * Formats the storage if needed and starts the broker without waiting: the supervisor's restart
   * after a crash, where clients reconnect by themselves. The configuration is written anew from
   * this object's fields, so a restart listens where the first start did.
   */
  public ChildProcess launch() {
    Path properties = writeConfig();
    if (!Files.exists(dir.resolve("logs").resolve("meta.properties"))) {
      format(properties);
    }
    return ChildProcess.start(
        name(),
        JavaCommand.of(
            jvmOptions(JvmMemory.BROKER_MAX_HEAP), List.of("kafka.Kafka", properties.toString())),
        JvmMemory.environment(),
        log);
  }

  /** {@code kafka} for node 1, {@code kafka-2} for node 2: its name in logs and status. */
  public String name() {
    return nodeId == 1 ? "kafka" : "kafka-" + nodeId;
  }

  public Path log() {
    return log;
  }

  private void format(Path properties) {
    List<String> command =
        JavaCommand.of(
            jvmOptions(JvmMemory.TOOL_MAX_HEAP),
            List.of(
                "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", properties.toString()));
    ChildProcess format =
        ChildProcess.start("kafka-storage-format", command, JvmMemory.environment(), log);
    try {
      Poll.untilOrThrow(
          () -> !format.isAlive(),
          FORMAT_TIMEOUT,
          POLL_INTERVAL,
          () ->
              "Formatting Kafka storage did not finish in "
                  + FORMAT_TIMEOUT.toSeconds()
                  + "s:\n"
                  + format.logTail(20));
    } catch (IllegalStateException e) {
      format.stop(Duration.ofSeconds(5));
      throw e;
    }
    if (!Files.exists(dir.resolve("logs").resolve("meta.properties"))) {
      throw new IllegalStateException("Formatting Kafka storage failed:\n" + format.logTail(20));
    }
  }

  private List<String> jvmOptions(String heap) {
    List<String> options = new ArrayList<>(JvmMemory.options(heap));
    options.addAll(
        List.of(
            "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"), "-cp", classpath));
    return options;
  }

  private void awaitReady(ChildProcess broker) {
    awaitReady(List.of(broker), bootstrapServers(), 1);
  }

  /** Waits until the cluster lists {@code nodes} nodes; fails at once, with a log, if one died. */
  static void awaitReady(List<ChildProcess> brokers, String bootstrapServers, int nodes) {
    try (Admin admin = admin(bootstrapServers)) {
      Poll.untilOrThrow(
          () -> answers(brokers, admin, nodes),
          READY_TIMEOUT,
          POLL_INTERVAL,
          () ->
              "Kafka not ready after "
                  + READY_TIMEOUT.toSeconds()
                  + "s:\n"
                  + brokers.get(0).logTail(30));
    }
  }

  private static boolean answers(List<ChildProcess> brokers, Admin admin, int nodes)
      throws InterruptedException {
    brokers.forEach(ChildProcess::requireAlive);
    try {
      return admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).size() >= nodes;
    } catch (ExecutionException | TimeoutException notYet) {
      return false;
    }
  }

  /** An Admin client with short timeouts, for the supervisor's own calls. */
  public static Admin admin(String bootstrapServers) {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30000));
  }

  /** The broker's {@code server.properties}. */
  Properties serverProperties() {
    String controller = controller(controllerPort);
    String replicas = Integer.toString(Math.min(3, clusterSize));
    // One replica may be missing (a broker down) while writes with acks=all still succeed.
    String minInsync = Integer.toString(Math.min(2, clusterSize));
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", Integer.toString(nodeId));
    props.put("controller.quorum.voters", quorumVoters);
    props.put(
        "listeners", "PLAINTEXT://" + bind.host() + ":" + port + ",CONTROLLER://" + controller);
    // 0.0.0.0 cannot be advertised; clients on other machines need --bind=<this machine's address>.
    props.put("advertised.listeners", "PLAINTEXT://" + bootstrapServers());
    props.put("controller.listener.names", "CONTROLLER");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
    props.put("log.dirs", dir.resolve("logs").toString());
    props.put("num.partitions", "12");
    // Also the defaults of topics created without a replication factor: Kafka Streams' internal
    // topics (its replication.factor is -1, "the broker's default").
    props.put("default.replication.factor", replicas);
    props.put("min.insync.replicas", minInsync);
    props.put("offsets.topic.replication.factor", replicas);
    props.put("offsets.topic.num.partitions", "12");
    props.put("transaction.state.log.replication.factor", replicas);
    props.put("transaction.state.log.min.isr", minInsync);
    props.put("transaction.state.log.num.partitions", "12");
    props.put("share.coordinator.state.topic.replication.factor", replicas);
    props.put("share.coordinator.state.topic.min.isr", minInsync);
    props.put("group.initial.rebalance.delay.ms", "0");
    return props;
  }

  private Path writeConfig() {
    Properties props = serverProperties();
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve("server.properties");
      try (var out = Files.newBufferedWriter(file)) {
        props.store(out, "Written by ./scanflow up on every start");
      }
      Files.writeString(dir.resolve("log4j2.properties"), LOG4J2);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final String LOG4J2 =
      """
      status = warn
      appender.out.type = Console
      appender.out.name = OUT
      appender.out.layout.type = PatternLayout
      appender.out.layout.pattern = [%d] %p %m (%c)%n
      rootLogger.level = info
      rootLogger.appenderRef.out.ref = OUT
      logger.state.name = state.change.logger
      logger.state.level = warn
      """;
}
