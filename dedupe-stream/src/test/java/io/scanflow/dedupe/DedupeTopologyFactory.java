package io.scanflow.dedupe;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scanflow.streams.testing.TopologyFactory;
import java.time.Duration;
import org.apache.kafka.streams.Topology;

/** The dedupe topology as the app builds it (default 7-day window), for a forked JVM. */
public class DedupeTopologyFactory implements TopologyFactory {
  @Override
  public Topology topology() {
    return DedupeTopology.build(Duration.ofDays(7), new DedupeMetrics(new SimpleMeterRegistry()));
  }
}
