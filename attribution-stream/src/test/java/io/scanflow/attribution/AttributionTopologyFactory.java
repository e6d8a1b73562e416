package io.scanflow.attribution;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scanflow.streams.testing.ForkedStage;
import io.scanflow.streams.testing.TopologyFactory;
import java.time.Duration;
import org.apache.kafka.streams.Topology;

/** The attribution topology for a forked JVM, with a 10 s pending timeout. */
public class AttributionTopologyFactory implements TopologyFactory {
  /**
   * Long enough that a session record fetched a few seconds after its event (a busy machine, a
   * restart after a kill) still finds the event waiting: the crash tests check outcomes exactly,
   * and a wall-clock timeout shorter than the machine's hiccups would turn them into
   * session_not_found.
   */
  static final Duration TEST_PENDING_TIMEOUT = Duration.ofSeconds(10);

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
