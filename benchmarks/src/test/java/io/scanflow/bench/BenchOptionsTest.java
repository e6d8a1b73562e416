package io.scanflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  @Test
  void shouldDefaultToTheDocumentedBenchmarks() {
    BenchOptions options = BenchOptions.parse(new String[0]);

    assertThat(options.only()).containsExactlyInAnyOrder("e2e", "single", "batch");
    assertThat(options.clients()).containsExactly(16, 128);
    assertThat(options.batchClients()).containsExactly(4, 16);
    assertThat(options.rate()).isEqualTo(100);
    assertThat(options.e2eDuration()).isEqualTo(Duration.ofSeconds(60));
    assertThat(options.pollInterval()).isEqualTo(Duration.ofMillis(25));
    assertThat(options.maxClients()).isEqualTo(128);
  }

  @Test
  void shouldParseDurationsAndLists() {
    BenchOptions options =
        BenchOptions.parse(
            new String[] {"--clients=8", "--warmup=2m", "--poll-interval=50ms", "--only=e2e"});

    assertThat(options.clients()).containsExactly(8);
    assertThat(options.warmup()).isEqualTo(Duration.ofMinutes(2));
    assertThat(options.pollInterval()).isEqualTo(Duration.ofMillis(50));
    assertThat(options.only()).containsExactly("e2e");
  }

  @Test
  void shouldRefuseUnknownOptionsAndNonPositiveCounts() {
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--target=10.0.0.1"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown option");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--clients=0"}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
