package io.scanflow.streams.testing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scanflow.streams.StreamThreadReplacement;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * Runs a stage's topology with the stage's own {@code kafka-streams.*} settings (streams-support's
 * shared ones, then its {@code application.properties}, with {@code %test} overrides), in a JVM a
 * test can kill with SIGKILL. Reports on stdout, one line each: {@code SCANFLOW STATE <state>} and
 * {@code SCANFLOW RESTORED <store> <partition> <records> <millis>}.
 *
 * <p>Arguments: bootstrap servers, state directory, {@link TopologyFactory} class name, then any
 * number of {@code key=value} Kafka Streams settings that override the app's.
 */
public final class ForkedStreamsApp {
  private static final String PREFIX = "kafka-streams.";
  private static final String TEST_PREFIX = "%test." + PREFIX;

  /** streams-support's settings, which both streams apps share (see that file). */
  private static final String SHARED_SETTINGS = "META-INF/microprofile-config.properties";

  private ForkedStreamsApp() {}

  public static void main(String[] args) throws Exception {
    TopologyFactory factory =
        (TopologyFactory) Class.forName(args[2]).getDeclaredConstructor().newInstance();
    Properties settings = settings(args[0], args[1]);
    for (int i = 3; i < args.length; i++) {
      String[] override = args[i].split("=", 2);
      settings.put(override[0], override[1]);
    }
    KafkaStreams streams = new KafkaStreams(factory.topology(), settings);
    streams.setStateListener((now, before) -> System.out.println("SCANFLOW STATE " + now));
    streams.setGlobalStateRestoreListener(new RestoreReporter());
    // As in the Quarkus app, a stream thread that dies is replaced.
    streams.setUncaughtExceptionHandler(new StreamThreadReplacement(new SimpleMeterRegistry()));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  streams.close(
                      new KafkaStreams.CloseOptions()
                          .leaveGroup(true)
                          .timeout(Duration.ofSeconds(30)));
                  stopped.countDown();
                }));
    streams.start();
    stopped.await();
  }

  static Properties settings(String bootstrapServers, String stateDir) throws IOException {
    // The shared settings first, the app's own over them, as the app's config ordinals have it.
    Properties app = new Properties();
    loadEveryCopy(app, SHARED_SETTINGS);
    try (InputStream in =
        ForkedStreamsApp.class.getClassLoader().getResourceAsStream("application.properties")) {
      if (in == null) {
        throw new IllegalStateException(
            "no application.properties on the class path: run this with a streams app's classes");
      }
      app.load(in);
    }
    Properties settings = new Properties();
    app.stringPropertyNames().stream()
        .filter(key -> key.startsWith(PREFIX))
        .forEach(key -> settings.put(key.substring(PREFIX.length()), app.getProperty(key)));
    app.stringPropertyNames().stream()
        .filter(key -> key.startsWith(TEST_PREFIX))
        .forEach(key -> settings.put(key.substring(TEST_PREFIX.length()), app.getProperty(key)));
    settings.put(
        StreamsConfig.APPLICATION_ID_CONFIG,
        app.getProperty("quarkus.kafka-streams.application-id"));
    settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    settings.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
    return settings;
  }

  /**
   * Every copy of {@code resource} on the classpath, in classpath order; at least one. Only
   * streams-support's copy holds {@code kafka-streams.*} settings, the only ones read from it.
   */
  private static void loadEveryCopy(Properties into, String resource) throws IOException {
    List<URL> copies =
        Collections.list(ForkedStreamsApp.class.getClassLoader().getResources(resource));
    if (copies.isEmpty()) {
      throw new IOException(resource + " is not on the classpath");
    }
    for (URL copy : copies) {
      try (InputStream in = copy.openStream()) {
        into.load(in);
      }
    }
  }

  /** Prints how long each store partition took to restore from its changelog. */
  private static final class RestoreReporter implements StateRestoreListener {
    private final java.util.Map<TopicPartition, Long> startedAt =
        new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public void onRestoreStart(
        TopicPartition partition, String storeName, long startOffset, long endOffset) {
      startedAt.put(partition, System.nanoTime());
    }

    @Override
    public void onBatchRestored(
        TopicPartition partition, String storeName, long batchEndOffset, long numRestored) {}

    @Override
    public void onRestoreEnd(TopicPartition partition, String storeName, long totalRestored) {
      long millis =
          (System.nanoTime() - startedAt.getOrDefault(partition, System.nanoTime())) / 1_000_000;
      System.out.println(
          "SCANFLOW RESTORED "
              + storeName
              + " "
              + partition.partition()
              + " "
              + totalRestored
              + " "
              + millis);
    }
  }
}
