package io.scanflow.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scanflow.streams.testing.PinnedTopology;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AttributionTopologyDescriptionTest {
  @Test
  void shouldKeepNodesStoresAndTopicsAsPinned() throws IOException {
    String described =
        AttributionTopology.build(
                Duration.ofSeconds(60), new AttributionMetrics(new SimpleMeterRegistry()))
            .describe()
            .toString();

    // When this fails on purpose, update the file: renaming a store or node renames its changelog.
    assertThat(described.strip())
        .isEqualTo(PinnedTopology.read("/attribution-topology.txt").strip());
  }
}
