package io.scanflow.devstack;

import io.scanflow.contract.TopicProvisioner;
import io.scanflow.devstack.infra.EmbeddedDatabase;
import io.scanflow.devstack.infra.KafkaBroker;
import io.scanflow.devstack.process.ChildProcess;
import io.scanflow.devstack.process.PidFiles;
import io.scanflow.devstack.replay.ConsumerGroupReset;
import io.scanflow.devstack.service.ReadinessProbe;
import io.scanflow.devstack.service.ScanflowService;
import io.scanflow.devstack.service.ServiceLauncher;
import io.scanflow.devstack.supervisor.Supervised;
import io.scanflow.devstack.supervisor.SupervisedChild;
import io.scanflow.devstack.supervisor.Supervisor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * The whole pipeline on one machine: a KRaft broker (own JVM), embedded PostgreSQL, the topics, and
 * the four services as child processes. {@code ./scanflow up} and the e2e tests both use it. Once
 * started, its {@link Supervisor} restarts whichever of them dies without being asked to stop.
 */
public final class DevStack implements AutoCloseable {
  public static final int PARTITIONS = 12;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private final DevStackConfig config;
  private final PidFiles pids;
  private final Map<ScanflowService, ChildProcess> services =
      Collections.synchronizedMap(new EnumMap<>(ScanflowService.class));
  private final Supervisor supervisor = new Supervisor(System.out::println);
  private volatile ChildProcess broker;
  private KafkaBroker kafka;
  private EmbeddedDatabase database;
  private ServiceLauncher launcher;
  private StackInfo info;

  public DevStack(DevStackConfig config) {
    this.config = config;
    this.pids = new PidFiles(config.home().root().resolve("run"));
  }

  /** Starts everything and waits until every service is ready; stops what it started on failure. */
  public StackInfo start() {
    StackHome home = config.home();
    List<String> leftovers = pids.stopLeftovers(home.root().toString());
    if (!leftovers.isEmpty()) {
      System.out.println("  stopped processes left over by an earlier run: " + leftovers);
    }
    config.bind().requireLocal();
    config.ports().requireFree();
    for (ScanflowService service : ScanflowService.values()) {
      new ServiceLauncher(config, "", "", "").requireBuilt(service);
    }
    if (config.clean()) {
      home.wipeData();
    }
    home.createDirectories();
    String token = home.adminToken();
    try {
      kafka =
          new KafkaBroker(
              home.kafkaData(),
              config.bind(),
              config.ports().kafka(),
              config.ports().kafkaController(),
              config.classpath(),
              home.log("kafka"));
      step("Kafka broker", () -> broker = kafka.start());
      pids.remember(broker);
      step("PostgreSQL", this::startDatabase);
      step("Topics", this::createTopics);
      launcher = new ServiceLauncher(config, kafka.bootstrapServers(), database.jdbcUrl(), token);
      startServices(List.of(ScanflowService.values()));
      DemoSite demo =
          DemoSite.loadOrCreate(home.demoSiteFile(), url(config.ports().ingest()), token);
      info = describe(token, demo);
      info.write(home.infoFile());
      warnIfReachableFromOtherMachines();
      supervise();
      return info;
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Starts services (all at once: they only need Kafka and PostgreSQL) and waits for each. */
  public void startServices(List<ScanflowService> toStart) {
    long started = System.nanoTime();
    for (ScanflowService service : toStart) {
      ChildProcess process = launcher.start(service);
      pids.remember(process);
      services.put(service, process);
    }
    for (ScanflowService service : toStart) {
      ReadinessProbe.await(
          services.get(service),
          config.bind().connectHost(),
          service.port(config.ports()),
          READY_TIMEOUT);
    }
    System.out.printf(
        "  %-18s ready in %d ms%n",
        String.join(", ", toStart.stream().map(ScanflowService::module).toList()),
        (System.nanoTime() - started) / 1_000_000);
  }

  /**
   * Stops services: SIGTERM to all of them at once (downstream first), then waits for each; they
   * shut down independently, so waiting one by one would only add their shutdown times up.
   */
  public void stopServices(List<ScanflowService> toStop) {
    List<ScanflowService> reversed = new ArrayList<>(toStop);
    Collections.reverse(reversed);
    List<ChildProcess> stopping = new ArrayList<>();
    for (ScanflowService service : reversed) {
      ChildProcess process = services.remove(service);
      if (process != null) {
        process.signalStop();
        stopping.add(process);
      }
    }
    for (ChildProcess process : stopping) {
      process.stop(STOP_GRACE);
      pids.forget(process);
    }
  }

  /** The pid of a service's current process (a restart or a replay changes it); -1 if stopped. */
  public long pid(ScanflowService service) {
    ChildProcess process = services.get(service);
    return process == null ? -1 : process.pid();
  }

  /** The pid of the Kafka broker's current process. */
  public long brokerPid() {
    return broker.pid();
  }

  /** Restart counts and states of the broker, PostgreSQL and the services. */
  public Supervisor supervisor() {
    return supervisor;
  }

  public Admin admin() {
    return KafkaBroker.admin(kafka.bootstrapServers());
  }

  public EmbeddedDatabase database() {
    return database;
  }

  public DevStackConfig config() {
    return config;
  }

  public StackInfo info() {
    return info;
  }

  /** Stops everything in reverse start order; safe to call twice (shutdown hook and finally). */
  @Override
  public synchronized void close() {
    supervisor.close(); // first: a requested stop is no crash to recover from
    stopServices(List.of(ScanflowService.values()));
    if (database != null) {
      database.close();
      database = null;
    }
    if (broker != null) {
      broker.stop(STOP_GRACE);
      pids.forget(broker);
      broker = null;
    }
  }

  private void startDatabase() {
    database =
        EmbeddedDatabase.start(
            config.home().postgresData(),
            config.ports().postgres(),
            !config.fastUnsafeDatabase(),
            config.home().log("postgres"));
    if (config.fastUnsafeDatabase()) {
      System.out.println(
          "  PostgreSQL runs with fsync and synchronous_commit off (--fast-unsafe-db): a crash of it"
              + " can lose rows whose events were already acknowledged");
    }
  }

  /** From now on, whatever dies unexpectedly is restarted (see {@link Supervisor}). */
  private void supervise() {
    List<Supervised> targets = new ArrayList<>();
    targets.add(new SupervisedChild("kafka", () -> broker, this::restartBroker));
    targets.add(database);
    for (ScanflowService service : ScanflowService.values()) {
      targets.add(
          new SupervisedChild(
              service.module(), () -> services.get(service), () -> restartService(service)));
    }
    supervisor.supervise(targets);
  }

  private ChildProcess restartBroker() {
    ChildProcess fresh = kafka.launch();
    pids.remember(fresh);
    broker = fresh;
    return fresh;
  }

  /**
   * Starts a crashed service again, unless a replay has stopped or replaced it meanwhile. The
   * crashed instance never left its consumer group, and a restarted one would wait for its session
   * to time out (45 s) in its first rebalance; removing it first saves that wait.
   */
  private ChildProcess restartService(ScanflowService service) {
    if (service.isDerived()) {
      removeMembersOfCrashed(service);
    }
    synchronized (services) {
      ChildProcess current = services.get(service);
      if (current == null || current.isAlive() || current.stopRequested()) {
        return current;
      }
      ChildProcess fresh = launcher.start(service);
      pids.remember(fresh);
      services.put(service, fresh);
      return fresh;
    }
  }

  private void removeMembersOfCrashed(ScanflowService service) {
    try (Admin admin = admin()) {
      new ConsumerGroupReset(admin).removeLeftoverMembers(service.consumerGroup());
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      System.out.println(
          "  could not remove the crashed "
              + service.module()
              + " from its consumer group ("
              + e.getMessage()
              + "); its restart may wait for the session timeout");
    }
  }

  private void createTopics() {
    try (Admin admin = admin()) {
      List<String> created = new TopicProvisioner(admin).createMissing(PARTITIONS, (short) 1);
      if (!created.isEmpty()) {
        System.out.println("  created topics " + created);
      }
      // Members of the previous run's streams apps would delay the first rebalance by 45 s.
      for (ScanflowService service : ScanflowService.values()) {
        if (service.isDerived()) {
          new ConsumerGroupReset(admin).removeLeftoverMembers(service.consumerGroup());
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException("Could not create topics", e);
    }
  }

  private StackInfo describe(String token, DemoSite demo) {
    String reports = url(config.ports().reports());
    return new StackInfo(
        url(config.ports().ingest()),
        reports,
        reports + "/",
        token,
        kafka.bootstrapServers(),
        database.jdbcUrl(),
        EmbeddedDatabase.USER,
        EmbeddedDatabase.PASSWORD,
        "http://" + BindAddress.LOOPBACK.host() + ":" + config.ports().control(),
        config.home().logs().toString(),
        config.bind().host(),
        new StackInfo.Demo(demo.siteId(), demo.apiKey()));
  }

  private String url(int port) {
    return "http://" + config.bind().urlHost() + ":" + port;
  }

  private void warnIfReachableFromOtherMachines() {
    if (!config.bind().isLoopback()) {
      System.out.println(
          "  --bind="
              + config.bind().host()
              + ": the services and Kafka are reachable from other machines, and Kafka has no"
              + " authentication (anyone who reaches it can read events and write API keys)");
    }
  }

  private static void step(String name, Runnable action) {
    long started = System.nanoTime();
    action.run();
    System.out.printf("  %-18s ready in %d ms%n", name, (System.nanoTime() - started) / 1_000_000);
  }
}
