package io.scanflow.streams.testing;

import org.apache.kafka.streams.Topology;

/** Builds a stage's topology in a forked JVM; implementations need a public no-arg constructor. */
public interface TopologyFactory {
  Topology topology();
}
