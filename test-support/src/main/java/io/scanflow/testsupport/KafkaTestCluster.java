package io.scanflow.testsupport;

import io.scanflow.contract.TopicProvisioner;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** A real single-node KRaft Kafka broker running inside the test JVM, on a random port. */
public final class KafkaTestCluster implements AutoCloseable {
  /** Partitions per pipeline topic in tests: more than one, so keying and ordering matter. */
  public static final int TEST_PARTITIONS = 3;

  private final KafkaClusterTestKit cluster;
  private boolean closed;

  private KafkaTestCluster(KafkaClusterTestKit cluster) {
    this.cluster = cluster;
  }

  /** Starts a broker and creates every pipeline topic. */
  public static KafkaTestCluster start() {
    try {
      KafkaClusterTestKit cluster =
          new KafkaClusterTestKit.Builder(
                  new TestKitNodes.Builder()
                      .setCombined(true)
                      .setNumBrokerNodes(1)
                      .setNumControllerNodes(1)
                      .build())
              .setConfigProp("offsets.topic.replication.factor", "1")
              .setConfigProp("offsets.topic.num.partitions", "3")
              .setConfigProp("transaction.state.log.replication.factor", "1")
              .setConfigProp("transaction.state.log.min.isr", "1")
              .setConfigProp("transaction.state.log.num.partitions", "3")
              .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
              .setConfigProp("share.coordinator.state.topic.min.isr", "1")
              .setConfigProp("group.initial.rebalance.delay.ms", "0")
              .build();
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      KafkaTestCluster started = new KafkaTestCluster(cluster);
      started.createPipelineTopics();
      return started;
    } catch (Exception e) {
      throw new IllegalStateException("Could not start the in-process Kafka broker", e);
    }
  }

  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  public Admin admin() {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, (Object) bootstrapServers()));
  }

  /** Client properties pointing at this broker, to start producers and consumers from. */
  public Properties clientProperties() {
    Properties properties = new Properties();
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    return properties;
  }

  private void createPipelineTopics() throws Exception {
    try (Admin admin = admin()) {
      new TopicProvisioner(admin).createMissing(TEST_PARTITIONS, (short) 1);
    }
  }

  /** Stops the broker; a second call (a test stopped it, then its resource) does nothing. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      cluster.close();
    } catch (Exception e) {
      throw new IllegalStateException("Could not stop the in-process Kafka broker", e);
    }
  }
}
