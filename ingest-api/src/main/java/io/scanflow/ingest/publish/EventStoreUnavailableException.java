package io.scanflow.ingest.publish;

/** Kafka did not acknowledge a write in time; the client must retry (answered with 503). */
public class EventStoreUnavailableException extends RuntimeException {
  public EventStoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
