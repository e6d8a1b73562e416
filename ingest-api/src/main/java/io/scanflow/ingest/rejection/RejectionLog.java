package io.scanflow.ingest.rejection;

import io.scanflow.contract.RequestRejection;
import io.scanflow.contract.ratelimit.RateLimiter;
import java.util.function.Consumer;

/**
 * Lets at most a fixed number of rejections per API key and minute through to the topic; the rest
 * are only counted, so that a client stuck in a loop of bad requests cannot flood Kafka.
 */
public final class RejectionLog {
  private final RateLimiter cap;
  private final Consumer<RequestRejection> publish;
  private final Runnable capped;

  /**
   * @param cap one bucket per key hash, of the records allowed per minute
   * @param publish hands a rejection on (must not block)
   * @param capped counts a rejection over the cap
   */
  public RejectionLog(RateLimiter cap, Consumer<RequestRejection> publish, Runnable capped) {
    this.cap = cap;
    this.publish = publish;
    this.capped = capped;
  }

  /** Records {@code rejection} of the key with hash {@code keyHash}, unless over its cap. */
  public void record(String keyHash, RequestRejection rejection) {
    if (cap.tryAcquire(keyHash).allowed()) {
      publish.accept(rejection);
    } else {
      capped.run();
    }
  }
}
