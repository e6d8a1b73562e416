package io.scanflow.streams;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a stage does when a sink cannot write a record ({@code production.exception.handler}): retry
 * what may pass later, fail the rest, and log which input record it was.
 *
 * <p>Never CONTINUE: under exactly-once a failed send leaves the transaction abortable, so
 * continuing would not skip the record, only hide why the transaction aborts; and a record skipped
 * here could not be dead-lettered (a handler has no place in the transaction). Record failures are
 * caught earlier instead: stages serialise and size-check their outputs themselves ({@link
 * OutputRecords}) and their sinks only pass bytes on, so what reaches this handler is the
 * infrastructure's (a broker, a topic's configuration, authorisation).
 */
public class ProductionFailureHandler implements ProductionExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ProductionFailureHandler.class);

  @Override
  public void configure(Map<String, ?> configs) {
    // Nothing to configure.
  }

  @Override
  public ProductionExceptionHandlerResponse handle(
      ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
    boolean retriable = exception instanceof RetriableException;
    LOG.error(
        "Could not write to {} the output of {} (task {}, node {}): {}; {}",
        record.topic(),
        input(context),
        context.taskId(),
        context.processorNodeId(),
        exception.toString(),
        retriable
            ? "the task is retried from its last commit"
            : "the stream thread fails and is replaced");
    return retriable
        ? ProductionExceptionHandlerResponse.RETRY
        : ProductionExceptionHandlerResponse.FAIL;
  }

  @Override
  @SuppressWarnings("rawtypes")
  public ProductionExceptionHandlerResponse handleSerializationException(
      ErrorHandlerContext context,
      ProducerRecord record,
      Exception exception,
      SerializationExceptionOrigin origin) {
    LOG.error(
        "A sink of node {} could not serialise the {} of a {} record from {}: sinks are meant to"
            + " get bytes from OutputRecords, so this is a bug",
        context.processorNodeId(),
        origin,
        record.topic(),
        input(context),
        exception);
    return ProductionExceptionHandlerResponse.FAIL;
  }

  private static String input(ErrorHandlerContext context) {
    return context.topic() == null
        ? "a punctuation"
        : context.topic() + "-" + context.partition() + "@" + context.offset();
  }
}
