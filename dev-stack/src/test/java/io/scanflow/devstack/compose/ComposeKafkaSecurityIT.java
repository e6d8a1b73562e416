package io.scanflow.devstack.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.scanflow.contract.lag.ConsumerGroupLag;
import io.scanflow.devstack.DevStackConfig;
import io.scanflow.devstack.StackPorts;
import io.scanflow.devstack.process.ChildProcess;
import io.scanflow.devstack.process.JavaCommand;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka security of docker-compose.yml on a real Kafka 4.1.2 broker, without Docker: the broker
 * started by {@code deploy/kafka/broker.sh} from kafka-1's environment (only its addresses, data
 * directory and replication factors changed, for one node on this machine); the users, topics and
 * ACLs that {@code deploy/kafka/init.sh} creates; and clients with each service's own settings from
 * the compose file. Not covered: the image, compose's networking and start order.
 */
class ComposeKafkaSecurityIT {
  private static final Duration WITHIN = Duration.ofSeconds(60);
  private static final int PARTITIONS = 2;
  private static final ComposeFile COMPOSE = ComposeFile.read("docker-compose.yml");
  private static final Map<String, String> SECRETS = ComposeSecrets.forTest();

  @TempDir static Path dir;
  private static ChildProcess broker;
  private static String bootstrap;

  @BeforeAll
  static void startTheBrokerAndSetItUpAsKafkaInitDoes() throws Exception {
    StackPorts ports = StackPorts.free();
    bootstrap = "127.0.0.1:" + ports.kafka();
    broker =
        ChildProcess.start(
            "kafka",
            List.of("bash", ComposeFile.REPO.resolve("deploy/kafka/broker.sh").toString()),
            brokerEnvironment(ports),
            dir.resolve("kafka.log"));
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .until(
            () -> {
              broker.requireAlive();
              try (Admin admin = admin(adminLogin())) {
                return !admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty();
              }
            });
    Map<String, String> initEnv = new HashMap<>(COMPOSE.environment("kafka-init", SECRETS));
    initEnv.put("PARTITIONS", Integer.toString(PARTITIONS));
    applyAsAdmin(KafkaInitScript.run(dir.resolve("init"), initEnv));
  }

  @AfterAll
  static void stopTheBroker() {
    if (broker != null) {
      broker.stop(Duration.ofSeconds(20));
    }
  }

  @Test
  void shouldRefuseClientsWithoutTheirPassword() {
    Map<String, Object> noLogin = Map.of();
    Map<String, Object> wrongPassword = new HashMap<>(client("ingest-api"));
    wrongPassword.put("sasl.jaas.config", jaas("ingest-api", "not-the-password-at-all"));

    assertThat(catchThrowable(() -> describeCluster(noLogin))).isNotNull();
    assertThat(causes(catchThrowable(() -> describeCluster(wrongPassword))))
        .hasAtLeastOneElementOfType(SaslAuthenticationException.class);
  }

  @Test
  void shouldLetOnlyIngestWriteApiKeysAndSites() throws Exception {
    send("ingest-api", "api-keys", "key-hash", "{}");
    send("ingest-api", "tracking-sites", "demo-shop", "{}");

    for (String service : List.of("dedupe-stream", "attribution-stream", "reports-sink")) {
      assertDenied(() -> send(service, "api-keys", "forged", "{}"));
      assertDenied(() -> send(service, "tracking-sites", "forged", "{}"));
    }
  }

  @Test
  void shouldDenyServicesWhatTheyDoNotNeed() {
    assertDenied(() -> send("ingest-api", "server-events-unique", "s", "skipping dedupe"));
    assertDenied(() -> send("ingest-api", "server-events-attributed", "s", "made up"));
    assertDenied(() -> read("ingest-api", "server-events"));
    assertDenied(() -> read("dedupe-stream", "api-keys"));
    assertDenied(() -> send("reports-sink", "server-events-attributed", "s", "made up"));
    assertDenied(
        () -> {
          try (Admin admin = admin(client("ingest-api"))) {
            admin
                .createTopics(List.of(new NewTopic("ingest-made-this", 1, (short) 1)))
                .all()
                .get(10, TimeUnit.SECONDS);
          }
        });
  }

  @Test
  void shouldRunThePipelineWithEachServicesOwnUser() throws Exception {
    send("ingest-api", "tracking-sites", "demo-shop", "shop");
    send("ingest-api", "scan-sessions", "session-1", "poster");
    try (KafkaStreams dedupe = start("dedupe-stream", dedupeTopology());
        KafkaStreams attribution = start("attribution-stream", attributionTopology())) {
      send("ingest-api", "server-events", "session-1", "purchase");
      send("ingest-api", "server-events", "session-2", "poison");
      send("ingest-api", "request-rejections", "demo-shop", "refused");

      List<String> stored = new ArrayList<>();
      try (KafkaConsumer<String, String> sink = sinkConsumer()) {
        sink.subscribe(
            List.of("server-events-attributed", "server-events-dlq", "request-rejections"));
        await()
            .atMost(WITHIN)
            .until(
                () -> {
                  requireRunning(dedupe, attribution);
                  sink.poll(Duration.ofMillis(200)).forEach(r -> stored.add(r.value()));
                  return stored.containsAll(List.of("purchase|poster|shop", "poison", "refused"));
                });
        sink.commitSync();
      }
    }
    send("reports-sink", "server-events-dlq", "session-3", "the sink's own dead letter");
    try (ConsumerGroupLag lag =
        ConsumerGroupLag.connect(withBootstrap(client("reports-sink")), Duration.ofSeconds(5))) {
      assertThat(
              lag.read(
                  List.of(groupOf("dedupe-stream"), groupOf("attribution-stream"), sinkGroup())))
          .hasSize(3);
    }
  }

  // --- the broker and kafka-init ---

  /** kafka-1's environment; for one node here only the addresses and replication factors change. */
  private static Map<String, String> brokerEnvironment(StackPorts ports) throws IOException {
    Map<String, String> env = new HashMap<>(COMPOSE.environment("kafka-1", SECRETS));
    String controller = "127.0.0.1:" + ports.kafkaController();
    String host = "127.0.0.1:" + ports.postgres(); // any free port: the HOST listener
    env.put("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@" + controller);
    env.put(
        "KAFKA_LISTENERS",
        "BROKER://" + bootstrap + ",CONTROLLER://" + controller + ",HOST://" + host);
    env.put("KAFKA_ADVERTISED_LISTENERS", "BROKER://" + bootstrap + ",HOST://" + host);
    env.put("KAFKA_LOG_DIRS", dir.resolve("data").toString());
    for (String replication :
        List.of(
            "KAFKA_DEFAULT_REPLICATION_FACTOR",
            "KAFKA_MIN_INSYNC_REPLICAS",
            "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR",
            "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR",
            "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR",
            "KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR",
            "KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR",
            "KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS",
            "KAFKA_TRANSACTION_STATE_LOG_NUM_PARTITIONS")) {
      env.put(replication, "1");
    }
    env.put("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
    env.put("KAFKA_BIN", kafkaTools().toString());
    env.put("SCANFLOW_KAFKA_WORK_DIR", dir.resolve("work").toString());
    return env;
  }

  /** Stand-ins for the image's kafka-storage.sh and kafka-server-start.sh, on our Kafka jars. */
  private static Path kafkaTools() throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    String java = JavaCommand.javaBinary();
    String classpath = DevStackConfig.forRepo(ComposeFile.REPO).classpath();
    Map<String, String> tools =
        Map.of(
            "kafka-storage.sh", "kafka.tools.StorageTool",
            "kafka-server-start.sh", "-Xmx512m kafka.Kafka");
    for (var tool : tools.entrySet()) {
      Path script = bin.resolve(tool.getKey());
      Files.writeString(
          script,
          "#!/usr/bin/env bash\nexec '%s' -cp '%s' %s \"$@\"\n"
              .formatted(java, classpath, tool.getValue()));
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    }
    return bin;
  }

  /** The users, topics and ACLs init.sh creates (topics without min.insync.replicas=2). */
  private static void applyAsAdmin(KafkaInitScript init) throws Exception {
    try (Admin admin = admin(adminLogin())) {
      List<UserScramCredentialUpsertion> users = new ArrayList<>();
      init.users()
          .forEach(
              (user, password) ->
                  users.add(
                      new UserScramCredentialUpsertion(
                          user,
                          new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192),
                          password)));
      admin.alterUserScramCredentials(List.copyOf(users)).all().get(30, TimeUnit.SECONDS);
      List<NewTopic> topics = new ArrayList<>();
      init.topics()
          .forEach(
              (name, configs) -> {
                Map<String, String> single = new HashMap<>(configs);
                single.remove("min.insync.replicas");
                topics.add(new NewTopic(name, PARTITIONS, (short) 1).configs(single));
              });
      admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
      admin.createAcls(init.acls()).all().get(30, TimeUnit.SECONDS);
    }
    for (String service : init.users().keySet()) {
      await().atMost(WITHIN).ignoreExceptions().until(() -> describeCluster(client(service)));
    }
  }

  // --- clients as the services ---

  /** A service's Kafka client settings from the compose file, pointed at this broker. */
  private static Map<String, Object> client(String service) {
    return withBootstrap(KafkaClientSettings.of(COMPOSE, service, SECRETS));
  }

  private static Map<String, Object> withBootstrap(Map<String, Object> settings) {
    Map<String, Object> local = new HashMap<>(settings);
    local.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    return local;
  }

  private static Map<String, Object> adminLogin() {
    return Map.of(
        "security.protocol", "SASL_PLAINTEXT",
        "sasl.mechanism", "SCRAM-SHA-512",
        "sasl.jaas.config", jaas("admin", SECRETS.get("SCANFLOW_KAFKA_ADMIN_PASSWORD")));
  }

  private static String jaas(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"%s\" password=\"%s\";"
        .formatted(user, password);
  }

  private static Admin admin(Map<String, Object> settings) {
    Map<String, Object> config = withBootstrap(settings);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
    return Admin.create(config);
  }

  private static boolean describeCluster(Map<String, Object> settings) throws Exception {
    try (Admin admin = admin(settings)) {
      return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
    }
  }

  private static void send(String service, String topic, String key, String value)
      throws Exception {
    Map<String, Object> config = client(service);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get(20, TimeUnit.SECONDS);
    }
  }

  private static void read(String service, String topic) {
    Map<String, Object> config = client(service);
    config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.assign(List.of(new TopicPartition(topic, 0)));
      consumer.seekToBeginning(consumer.assignment());
      consumer.poll(Duration.ofSeconds(5));
    }
  }

  private static KafkaConsumer<String, String> sinkConsumer() {
    Map<String, Object> config = client("reports-sink");
    config.put(ConsumerConfig.GROUP_ID_CONFIG, sinkGroup());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
  }

  // --- streams apps with the services' application ids, topics and guarantees ---

  private static KafkaStreams start(String service, Topology topology) {
    Properties config = new Properties();
    config.putAll(client(service));
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, groupOf(service));
    config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    config.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").resolve(service).toString());
    config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    config.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
    config.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
    KafkaStreams streams = new KafkaStreams(topology, config);
    streams.setUncaughtExceptionHandler(
        e -> StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    streams.start();
    return streams;
  }

  /** Like dedupe-stream: a store with a changelog, unique events out, poison to the DLQ. */
  private static Topology dedupeTopology() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.<String, String>stream("server-events")
        .toTable(Materialized.as("seen"))
        .toStream()
        .split()
        .branch(
            (key, value) -> value.equals("poison"),
            Branched.withConsumer(s -> s.to("server-events-dlq")))
        .defaultBranch(Branched.withConsumer(s -> s.to("server-events-unique")));
    return builder.build();
  }

  /** Like attribution-stream: events joined with their scan session and, globally, the site. */
  private static Topology attributionTopology() {
    StreamsBuilder builder = new StreamsBuilder();
    GlobalKTable<String, String> sites =
        builder.globalTable("tracking-sites", Materialized.as("sites"));
    KTable<String, String> sessions = builder.table("scan-sessions", Materialized.as("sessions"));
    builder.<String, String>stream("server-events-unique")
        .join(sessions, (event, session) -> event + "|" + session)
        .join(sites, (key, value) -> "demo-shop", (value, site) -> value + "|" + site)
        .to("server-events-attributed");
    return builder.build();
  }

  private static void requireRunning(KafkaStreams... apps) {
    for (KafkaStreams app : apps) {
      assertThat(app.state()).isNotIn(KafkaStreams.State.ERROR, KafkaStreams.State.PENDING_ERROR);
    }
  }

  // --- the services' own settings ---

  /** The application id (streams) from the module's application.properties. */
  private static String groupOf(String module) {
    return moduleProperty(module, "quarkus.kafka-streams.application-id");
  }

  private static String sinkGroup() {
    return moduleProperty("reports-sink", "mp.messaging.incoming.reports-in.group.id");
  }

  private static String moduleProperty(String module, String name) {
    Properties properties = new Properties();
    try (Reader reader =
        Files.newBufferedReader(
            ComposeFile.REPO
                .resolve(module)
                .resolve("src/main/resources/application.properties"))) {
      properties.load(reader);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return properties.getProperty(name);
  }

  // --- denials ---

  private interface Action {
    void run() throws Exception;
  }

  private static void assertDenied(Action action) {
    Throwable failure = catchThrowable(action::run);
    assertThat(causes(failure)).hasAtLeastOneElementOfType(AuthorizationException.class);
  }

  private static List<Throwable> causes(Throwable failure) {
    List<Throwable> causes = new ArrayList<>();
    for (Throwable t = failure; t != null && !causes.contains(t); t = t.getCause()) {
      causes.add(t);
    }
    return causes;
  }
}
