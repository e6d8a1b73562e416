package io.scanflow.ingest.publish;

/** Kafka did not acknowledge a write in time; the client must retry (answered with 503). */
public class PublishUnavailableException extends RuntimeException {
  public PublishUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
