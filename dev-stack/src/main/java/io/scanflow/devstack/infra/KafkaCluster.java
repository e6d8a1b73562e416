package io.scanflow.devstack.infra;

import io.scanflow.devstack.BindAddress;
import io.scanflow.devstack.StackHome;
import io.scanflow.devstack.StackScale;
import io.scanflow.devstack.process.ChildProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.Uuid;

/**
 * The dev stack's Kafka: one {@link KafkaBroker} or several, each a combined broker + controller,
 * all of them voters of the KRaft quorum (3 brokers survive the loss of one). Broker {@code n}
 * listens on the ports of {@link StackScale#port} and keeps its data in {@link
 * StackHome#kafkaData(int)}.
 */
public final class KafkaCluster {
  private final List<KafkaBroker> brokers;
  private final Path sizeFile;

  public KafkaCluster(
      StackHome home,
      BindAddress bind,
      int firstPort,
      int firstControllerPort,
      int size,
      String classpath) {
    String voters =
        IntStream.rangeClosed(1, size)
            .mapToObj(
                n -> n + "@" + KafkaBroker.controller(StackScale.port(firstControllerPort, n)))
            .collect(Collectors.joining(","));
    List<KafkaBroker> nodes = new ArrayList<>();
    for (int n = 1; n <= size; n++) {
      String name = StackScale.name("kafka", n);
      nodes.add(
          new KafkaBroker(
              n,
              home.kafkaData(n),
              bind,
              StackScale.port(firstPort, n),
              StackScale.port(firstControllerPort, n),
              voters,
              size,
              classpath,
              home.log(name)));
    }
    this.brokers = List.copyOf(nodes);
    this.sizeFile = home.data().resolve("kafka-brokers");
  }

  public List<KafkaBroker> brokers() {
    return brokers;
  }

  /** Every broker's client address: clients find the others from any one that is up. */
  public String bootstrapServers() {
    return brokers.stream().map(KafkaBroker::bootstrapServers).collect(Collectors.joining(","));
  }

  /**
   * Starts every broker (all at once: a quorum needs a majority of them to elect a leader) and
   * waits until all have registered; stops them again if that fails.
   */
  public List<ChildProcess> start() {
    requireSameSizeAsTheData();
    if (brokers.size() == 1) {
      return List.of(brokers.get(0).start()); // as fast as before there were clusters
    }
    String clusterId = existingClusterId().orElseGet(() -> Uuid.randomUuid().toString());
    brokers.forEach(broker -> broker.useClusterId(clusterId));
    List<ChildProcess> started = new ArrayList<>();
    try {
      brokers.forEach(broker -> started.add(broker.launch()));
      KafkaBroker.awaitReady(started, bootstrapServers(), brokers.size());
      return started;
    } catch (RuntimeException e) {
      started.forEach(broker -> broker.stop(Duration.ofSeconds(10)));
      throw e;
    }
  }

  /**
   * Data written by a cluster of another size cannot be reused: its topics have the replication
   * factor of that cluster, and its quorum other voters.
   */
  private void requireSameSizeAsTheData() {
    int existing;
    try {
      existing =
          Files.exists(sizeFile)
              ? Integer.parseInt(Files.readString(sizeFile).trim())
              : brokers.get(0).formattedClusterId().isPresent() ? 1 : brokers.size();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (existing != brokers.size()) {
      throw new IllegalStateException(
          "The data in "
              + sizeFile.getParent()
              + " was written by a stack with "
              + existing
              + " Kafka broker(s), not "
              + brokers.size()
              + ". Start it with --brokers="
              + existing
              + ", or start clean (--clean deletes the data) or in another --home.");
    }
    // before the first start: a stack that never gets ready has formatted its storage already
    writeSize();
  }

  private void writeSize() {
    try {
      Files.createDirectories(sizeFile.getParent());
      Files.writeString(sizeFile, Integer.toString(brokers.size()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Optional<String> existingClusterId() {
    return brokers.stream().flatMap(broker -> broker.formattedClusterId().stream()).findFirst();
  }
}
