package io.scanflow.ingest.publish;

import static io.scanflow.testsupport.IngestedEventBuilder.anEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scanflow.contract.IngestedEvent;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The publish deadline covers the whole request. Against an address where no broker listens the
 * producer never gets metadata, so every {@code send()} blocks for {@code max.block.ms}: the worst
 * case for a batch, which must still be answered within the one timeout.
 */
class EventStoreTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(1);
  // Without the whole-request deadline a send would block for TIMEOUT per record (500 s here);
  // the margin is only for a busy test machine.
  private static final Duration WITHIN = TIMEOUT.plusSeconds(2);
  private EventStore store;

  private static String nowhere() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return "127.0.0.1:" + socket.getLocalPort();
    }
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void shouldGiveUpOnA500EventBatchWithinTheTimeoutEvenWhenEverySendBlocks() throws Exception {
    store = new EventStore(Map.of("bootstrap.servers", nowhere()), TIMEOUT);
    List<IngestedEvent> batch =
        IntStream.range(0, 500).mapToObj(i -> anEvent().withEventId("e-" + i).build()).toList();

    long start = System.nanoTime();
    assertThatThrownBy(() -> store.publishEvents(batch))
        .isInstanceOf(EventStoreUnavailableException.class);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took).isLessThan(WITHIN);
  }

  @Test
  void shouldGiveUpOnASingleEventWithinTheTimeout() throws Exception {
    store = new EventStore(Map.of("bootstrap.servers", nowhere()), TIMEOUT);

    long start = System.nanoTime();
    assertThatThrownBy(() -> store.publishEvents(List.of(anEvent().build())))
        .isInstanceOf(EventStoreUnavailableException.class);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WITHIN);
  }
}
