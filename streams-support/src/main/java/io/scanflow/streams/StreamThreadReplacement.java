package io.scanflow.streams;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uncaught-exception handler of the app's Kafka Streams (Quarkus sets a bean of this type on
 * the {@code KafkaStreams} it builds): a stream thread that died is replaced, so its tasks resume
 * from their last committed transaction; each death is logged at ERROR and counted in {@code
 * scanflow.streams.uncaught.exceptions}.
 *
 * <p>Record failures never get here ({@link GuardedProcessor} dead-letters them); what does is the
 * infrastructure's, or a failure outside any record. Kafka Streams cannot replace its global thread
 * (the one that fills global stores): it shuts the client down instead, and readiness goes DOWN.
 */
@Singleton // not a lazy proxy: the counter exists (at 0) from start-up on, not from the first death
public class StreamThreadReplacement implements StreamsUncaughtExceptionHandler {
  public static final String METRIC = "scanflow.streams.uncaught.exceptions";
  private static final Logger LOG = LoggerFactory.getLogger(StreamThreadReplacement.class);

  private final Counter uncaught;

  @Inject
  public StreamThreadReplacement(MeterRegistry registry) {
    this.uncaught = registry.counter(METRIC);
  }

  @Override
  public StreamThreadExceptionResponse handle(Throwable exception) {
    uncaught.increment();
    LOG.error(
        "Stream thread {} died of an uncaught exception; replacing it",
        Thread.currentThread().getName(),
        exception);
    return StreamThreadExceptionResponse.REPLACE_THREAD;
  }
}
