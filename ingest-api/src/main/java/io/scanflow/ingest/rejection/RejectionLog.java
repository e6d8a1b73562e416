package io.scanflow.ingest.rejection;

import io.scanflow.contract.RequestRejection;
import io.scanflow.contract.ratelimit.RateLimiter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

  /**
   * Records that a request of the key with hash {@code keyHash}, of site {@code siteId}, was
   * answered {@code status} now, unless the key is over its cap.
   *
   * @param endpoint the request path, e.g. {@code /server-events/batch}; kept storable and short,
   *     since a shed request's path can be any path under {@code /server-events}
   * @param eventId the body's {@code event_id} when it could be read, else null
   * @param detail the answer's {@code detail}: a message or a list of problems (see {@link
   *     RejectionDetail})
   */
  public void refused(
      String keyHash, String siteId, String endpoint, int status, String eventId, Object detail) {
    record(
        keyHash,
        new RequestRejection(
            siteId,
            Instant.now().truncatedTo(ChronoUnit.MILLIS),
            RejectionDetail.text(endpoint),
            status,
            eventId,
            RejectionDetail.of(detail)));
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
