package io.scanflow.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class StreamThreadReplacementTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void shouldShowNoDeathsBeforeAnyThreadDied() {
    new StreamThreadReplacement(registry);

    assertThat(registry.counter(StreamThreadReplacement.METRIC).count()).isZero();
  }

  @Test
  void shouldReplaceTheDeadThreadAndCountEachDeath() {
    StreamThreadReplacement handler = new StreamThreadReplacement(registry);

    StreamThreadExceptionResponse first = handler.handle(new IllegalStateException("store lost"));
    StreamThreadExceptionResponse second = handler.handle(new OutOfMemoryError("heap"));

    assertThat(first).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    assertThat(second).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    assertThat(registry.counter(StreamThreadReplacement.METRIC).count()).isEqualTo(2.0);
  }

  @Test
  void shouldShutTheClientDownWhenTheGlobalThreadDiesSinceItCannotBeReplaced() {
    StreamThreadReplacement handler = new StreamThreadReplacement(registry);
    Thread global = new Thread(() -> {}, "scanflow-attribution-stream-GlobalStreamThread");

    StreamThreadExceptionResponse response =
        handler.handle(new IllegalStateException("offset out of range"), global);

    assertThat(response).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    assertThat(registry.counter(StreamThreadReplacement.METRIC).count()).isEqualTo(1.0);
  }
}
