package io.scanflow.streams;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.ProductionExceptionHandlerResponse;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.SerializationExceptionOrigin;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class ProductionFailureHandlerTest {
  private static final ProducerRecord<byte[], byte[]> RECORD =
      new ProducerRecord<>("server-events-unique", new byte[] {1}, new byte[] {2});

  private final ProductionFailureHandler handler = new ProductionFailureHandler();

  @Test
  void shouldRetryWhatMayPassLater() {
    assertThat(handler.handle(new Source(), RECORD, new TimeoutException("no leader")))
        .isEqualTo(ProductionExceptionHandlerResponse.RETRY);
  }

  @Test
  void shouldFailRatherThanContinuePastARecordItCannotDeadLetter() {
    assertThat(handler.handle(new Source(), RECORD, new RecordTooLargeException("too large")))
        .isEqualTo(ProductionExceptionHandlerResponse.FAIL);
    assertThat(handler.handle(new Source(), RECORD, new TopicAuthorizationException("denied")))
        .isEqualTo(ProductionExceptionHandlerResponse.FAIL);
    assertThat(
            handler.handleSerializationException(
                new Source(),
                RECORD,
                new SerializationException("cannot write"),
                SerializationExceptionOrigin.VALUE))
        .isEqualTo(ProductionExceptionHandlerResponse.FAIL);
  }

  /** The input record the failed output came from. */
  private static final class Source implements ErrorHandlerContext {
    @Override
    public String topic() {
      return "server-events";
    }

    @Override
    public int partition() {
      return 3;
    }

    @Override
    public long offset() {
      return 41;
    }

    @Override
    public Headers headers() {
      return new RecordHeaders();
    }

    @Override
    public String processorNodeId() {
      return "dedupe";
    }

    @Override
    public TaskId taskId() {
      return new TaskId(0, 3);
    }

    @Override
    public long timestamp() {
      return 0;
    }

    @Override
    public byte[] sourceRawKey() {
      return null;
    }

    @Override
    public byte[] sourceRawValue() {
      return null;
    }
  }
}
