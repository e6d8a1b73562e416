package io.scanflow.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts a real in-process KRaft broker for a {@code @QuarkusTest} and points the application at
 * it; a test receives the running cluster in a field annotated {@link InjectKafka}.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {
  private KafkaTestCluster cluster;

  @Override
  public Map<String, String> start() {
    cluster = KafkaTestCluster.start();
    return Map.of(
        "kafka.bootstrap.servers", cluster.bootstrapServers(),
        "quarkus.kafka-streams.bootstrap-servers", cluster.bootstrapServers());
  }

  @Override
  public void inject(TestInjector testInjector) {
    testInjector.injectIntoFields(
        cluster,
        new TestInjector.AnnotatedAndMatchesType(InjectKafka.class, KafkaTestCluster.class));
  }

  @Override
  public void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }
}
