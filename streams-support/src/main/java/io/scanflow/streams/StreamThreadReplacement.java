package io.scanflow.streams;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.processor.internals.GlobalStreamThread;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uncaught-exception handler of the app's Kafka Streams (Quarkus sets a bean of this type on
 * the {@code KafkaStreams} it builds): a stream thread that died is replaced, so its tasks resume
 * from their last committed transaction; each death is logged at ERROR and counted in {@code
 * scanflow.streams.uncaught.exceptions}.
 *
 * <p>Record failures never get here ({@link GuardedProcessor} dead-letters them); what does is the
 * infrastructure's, or a failure outside any record. The global thread (the one that fills global
 * stores, e.g. from a checkpoint the topic no longer has) cannot be replaced: asked to, Kafka
 * Streams 4.1.2 throws a {@code ClassCastException} inside its own handling (seen in a test), and
 * the global store stops following its topic. For that thread the handler shuts the client down
 * instead, so readiness goes DOWN and the supervisor or orchestrator restarts the service.
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
    return handle(exception, Thread.currentThread());
  }

  StreamThreadExceptionResponse handle(Throwable exception, Thread thread) {
    uncaught.increment();
    if (isGlobalThread(thread)) {
      LOG.error(
          "Global stream thread {} died of an uncaught exception; it cannot be replaced, so the"
              + " Kafka Streams client shuts down and readiness goes DOWN",
          thread.getName(),
          exception);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
    LOG.error(
        "Stream thread {} died of an uncaught exception; replacing it",
        thread.getName(),
        exception);
    return StreamThreadExceptionResponse.REPLACE_THREAD;
  }

  /** Kafka Streams names its global thread {@code <client id>-GlobalStreamThread}. */
  private static boolean isGlobalThread(Thread thread) {
    return thread instanceof GlobalStreamThread || thread.getName().endsWith("-GlobalStreamThread");
  }
}
