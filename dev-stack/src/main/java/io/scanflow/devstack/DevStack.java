package io.scanflow.devstack;

import io.scanflow.contract.TopicProvisioner;
import io.scanflow.devstack.infra.EmbeddedDatabase;
import io.scanflow.devstack.infra.KafkaBroker;
import io.scanflow.devstack.infra.KafkaCluster;
import io.scanflow.devstack.process.ChildProcess;
import io.scanflow.devstack.process.PidFiles;
import io.scanflow.devstack.replay.ConsumerGroupReset;
import io.scanflow.devstack.service.LaunchSettings;
import io.scanflow.devstack.service.ReadinessProbe;
import io.scanflow.devstack.service.ScanflowService;
import io.scanflow.devstack.service.ServiceInstance;
import io.scanflow.devstack.service.ServiceLauncher;
import io.scanflow.devstack.supervisor.Supervised;
import io.scanflow.devstack.supervisor.SupervisedChild;
import io.scanflow.devstack.supervisor.Supervisor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;

/**
 * The whole pipeline on one machine: KRaft brokers (each its own JVM), embedded PostgreSQL, the
 * topics, and one or more instances of each of the four services as child processes. {@code
 * ./scanflow up} and the e2e tests both use it. Once started, its {@link Supervisor} restarts
 * whichever of them dies without being asked to stop.
 */
public final class DevStack implements AutoCloseable {
  public static final int PARTITIONS = 12;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  /**
   * The brokers of a cluster stop at once; the last one left has no quorum to approve its
   * controlled shutdown and would wait minutes for it. Its data is replicated and its log recovered
   * on the next start, so it is killed after this.
   */
  private static final Duration CLUSTER_STOP_GRACE = Duration.ofSeconds(10);

  private final DevStackConfig config;
  private final PidFiles pids;
  private final Map<ServiceInstance, ChildProcess> services =
      Collections.synchronizedMap(new HashMap<>());
  private final Supervisor supervisor = new Supervisor(System.out::println);
  private final AtomicReferenceArray<ChildProcess> brokers;
  private KafkaCluster kafka;
  private EmbeddedDatabase database;
  private ServiceLauncher launcher;
  private StackInfo info;

  public DevStack(DevStackConfig config) {
    this.config = config;
    this.pids = new PidFiles(config.home().root().resolve("run"));
    this.brokers = new AtomicReferenceArray<>(config.scale().brokers());
  }

  /** Starts everything and waits until every service is ready; stops what it started on failure. */
  public StackInfo start() {
    StackHome home = config.home();
    List<String> leftovers = pids.stopLeftovers(home.root().toString());
    if (!leftovers.isEmpty()) {
      System.out.println("  stopped processes left over by an earlier run: " + leftovers);
    }
    config.bind().requireLocal();
    config.ports().requireFree(config.scale());
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
          new KafkaCluster(
              home,
              config.bind(),
              config.ports().kafka(),
              config.ports().kafkaController(),
              config.scale().brokers(),
              config.classpath());
      step(config.scale().brokers() == 1 ? "Kafka broker" : "Kafka brokers", this::startKafka);
      step("PostgreSQL", this::startDatabase);
      step("Topics", this::createTopics);
      launcher = new ServiceLauncher(config, kafka.bootstrapServers(), database.jdbcUrl(), token);
      startServices(List.of(ScanflowService.values()));
      DemoSite demo = DemoSite.loadOrCreate(home.demoSiteFile(), ingestUrls().get(0), token);
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

  private void startKafka() {
    List<ChildProcess> started = kafka.start();
    for (int i = 0; i < started.size(); i++) {
      brokers.set(i, started.get(i));
      pids.remember(started.get(i));
    }
  }

  /**
   * Starts every instance of services (all at once: they only need Kafka and PostgreSQL) and waits
   * for each.
   */
  public void startServices(List<ScanflowService> toStart) {
    startServices(toStart, service -> LaunchSettings.OWN);
  }

  /**
   * {@link #startServices(List)} with settings on top of each service's own (a replay's catch-up
   * settings). A crashed instance is restarted with its own settings only.
   */
  public void startServices(
      List<ScanflowService> toStart, Function<ScanflowService, LaunchSettings> settings) {
    long started = System.nanoTime();
    List<ServiceInstance> instances = instances(toStart);
    for (ServiceInstance instance : instances) {
      ChildProcess process = launcher.start(instance, settings.apply(instance.service()));
      pids.remember(process);
      services.put(instance, process);
    }
    for (ServiceInstance instance : instances) {
      ReadinessProbe.await(
          services.get(instance),
          config.bind().connectHost(),
          instance.port(config.ports()),
          READY_TIMEOUT);
    }
    System.out.printf(
        "  %-18s ready in %d ms%n",
        String.join(", ", toStart.stream().map(ScanflowService::module).toList()),
        (System.nanoTime() - started) / 1_000_000);
  }

  /**
   * Stops every instance of services: SIGTERM to all of them at once (downstream first), then waits
   * for each; they shut down independently, so waiting one by one would only add their shutdown
   * times up.
   */
  public void stopServices(List<ScanflowService> toStop) {
    List<ServiceInstance> reversed = instances(toStop);
    Collections.reverse(reversed);
    List<ChildProcess> stopping = new ArrayList<>();
    for (ServiceInstance instance : reversed) {
      ChildProcess process = services.remove(instance);
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

  /** Every instance of {@code of}, in order: service by service, instance 1 first. */
  private List<ServiceInstance> instances(List<ScanflowService> of) {
    List<ServiceInstance> instances = new ArrayList<>();
    for (ScanflowService service : of) {
      for (int n = 1; n <= config.scale().instances(); n++) {
        instances.add(new ServiceInstance(service, n));
      }
    }
    return instances;
  }

  /** The pid of a service's (first instance's) current process; -1 if stopped. */
  public long pid(ScanflowService service) {
    return pid(new ServiceInstance(service, 1));
  }

  /** The pid of an instance's current process (a restart or a replay changes it); -1 if stopped. */
  public long pid(ServiceInstance instance) {
    ChildProcess process = services.get(instance);
    return process == null ? -1 : process.pid();
  }

  /** The pid of the (first) Kafka broker's current process. */
  public long brokerPid() {
    return brokerPid(1);
  }

  /** The pid of Kafka broker {@code n}'s (from 1) current process. */
  public long brokerPid(int n) {
    return brokers.get(n - 1).pid();
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
    List<ChildProcess> stopping = new ArrayList<>();
    for (int i = 0; i < brokers.length(); i++) {
      ChildProcess broker = brokers.getAndSet(i, null);
      if (broker != null) {
        broker.signalStop(); // all at once: a quorum that lost its majority stops slowly
        stopping.add(broker);
      }
    }
    Duration grace = stopping.size() > 1 ? CLUSTER_STOP_GRACE : STOP_GRACE;
    for (ChildProcess broker : stopping) {
      broker.stop(grace);
      pids.forget(broker);
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
    for (int i = 0; i < brokers.length(); i++) {
      int index = i;
      KafkaBroker broker = kafka.brokers().get(i);
      targets.add(
          new SupervisedChild(
              broker.name(), () -> brokers.get(index), () -> restartBroker(index, broker)));
    }
    targets.add(database);
    for (ServiceInstance instance : instances(List.of(ScanflowService.values()))) {
      targets.add(
          new SupervisedChild(
              instance.name(), () -> services.get(instance), () -> restartService(instance)));
    }
    supervisor.supervise(targets);
  }

  private ChildProcess restartBroker(int index, KafkaBroker broker) {
    ChildProcess fresh = broker.launch();
    pids.remember(fresh);
    brokers.set(index, fresh);
    return fresh;
  }

  /**
   * Starts a crashed service again, unless a replay has stopped or replaced it meanwhile. The
   * crashed instance never left its consumer group, and a restarted one would wait for its session
   * to time out (45 s) in its first rebalance; removing it first saves that wait, and with several
   * instances hands its partitions to the others at once.
   */
  private ChildProcess restartService(ServiceInstance instance) {
    if (instance.service().isDerived()) {
      removeMembersOfCrashed(instance);
    }
    synchronized (services) {
      ChildProcess current = services.get(instance);
      if (current == null || current.isAlive() || current.stopRequested()) {
        return current;
      }
      ChildProcess fresh = launcher.start(instance);
      pids.remember(fresh);
      services.put(instance, fresh);
      return fresh;
    }
  }

  private void removeMembersOfCrashed(ServiceInstance instance) {
    ScanflowService service = instance.service();
    try (Admin admin = admin()) {
      ConsumerGroupReset group = new ConsumerGroupReset(admin);
      if (config.scale().instances() == 1) {
        group.removeLeftoverMembers(service.consumerGroup());
      } else {
        group.removeStaticMembers(service.consumerGroup(), instance.groupInstanceId());
      }
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      System.out.println(
          "  could not remove the crashed "
              + instance.name()
              + " from its consumer group ("
              + e.getMessage()
              + "); its restart may wait for the session timeout");
    }
  }

  private void createTopics() {
    try (Admin admin = admin()) {
      List<String> created =
          new TopicProvisioner(admin).createMissing(PARTITIONS, config.scale().replicationFactor());
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
    List<String> reports = urls(ScanflowService.REPORTS_SINK);
    return new StackInfo(
        ingestUrls().get(0),
        reports.get(0),
        reports.get(0) + "/",
        token,
        kafka.bootstrapServers(),
        database.jdbcUrl(),
        EmbeddedDatabase.USER,
        EmbeddedDatabase.PASSWORD,
        "http://" + BindAddress.LOOPBACK.host() + ":" + config.ports().control(),
        config.home().logs().toString(),
        config.bind().host(),
        new StackInfo.Demo(demo.siteId(), demo.apiKey()),
        ingestUrls(),
        reports);
  }

  private List<String> ingestUrls() {
    return urls(ScanflowService.INGEST_API);
  }

  /** The URL of every instance of {@code service}, instance 1 first. */
  private List<String> urls(ScanflowService service) {
    return instances(List.of(service)).stream()
        .map(instance -> "http://" + config.bind().urlHost() + ":" + instance.port(config.ports()))
        .toList();
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
