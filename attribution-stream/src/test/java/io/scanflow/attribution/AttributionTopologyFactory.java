package io.scanflow.attribution;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scanflow.streams.testing.ForkedStage;
import io.scanflow.streams.testing.TopologyFactory;
import java.time.Duration;
import org.apache.kafka.streams.Topology;

/** The attribution topology as the app builds it in %test (3 s pending timeout), for a fork. */
public class AttributionTopologyFactory implements TopologyFactory {
  static final Duration TEST_PENDING_TIMEOUT = Duration.ofSeconds(3);

  /**
   * attribution-stream in forked JVMs on a broker of the test class, logs {@code attribution-*}.
   */
  static ForkedStage forked() {
    return new ForkedStage(
        "scanflow-attribution-stream", AttributionTopologyFactory.class, "attribution");
  }

  @Override
  public Topology topology() {
    return AttributionTopology.build(
        TEST_PENDING_TIMEOUT, new AttributionMetrics(new SimpleMeterRegistry()));
  }
}
