package io.scanflow.dedupe;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scanflow.streams.testing.ForkedStage;
import io.scanflow.streams.testing.TopologyFactory;
import java.time.Duration;
import org.apache.kafka.streams.Topology;

/** The dedupe topology as the app builds it (default 7-day window), for a forked JVM. */
public class DedupeTopologyFactory implements TopologyFactory {
  /** dedupe-stream in forked JVMs on a broker of the test class, logs {@code dedupe-<name>.log}. */
  static ForkedStage forked() {
    return new ForkedStage("scanflow-dedupe-stream", DedupeTopologyFactory.class, "dedupe");
  }

  @Override
  public Topology topology() {
    return DedupeTopology.build(Duration.ofDays(7), new DedupeMetrics(new SimpleMeterRegistry()));
  }
}
