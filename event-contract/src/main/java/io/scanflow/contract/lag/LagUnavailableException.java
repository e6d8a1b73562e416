package io.scanflow.contract.lag;

/** Kafka could not be asked (unreachable, timed out): the lag is unknown, not zero. */
public class LagUnavailableException extends Exception {
  public LagUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
