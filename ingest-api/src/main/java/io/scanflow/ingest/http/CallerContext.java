package io.scanflow.ingest.http;

import io.scanflow.contract.ratelimit.RateLimitDecision;
import io.scanflow.ingest.auth.Caller;
import jakarta.enterprise.context.RequestScoped;

/** What the API-key filter learnt about the current request, for the resource and the headers. */
@RequestScoped
public class CallerContext {
  private Caller caller;
  private RateLimitDecision rateLimit;

  public Caller caller() {
    if (caller == null) {
      throw new IllegalStateException("No authenticated caller on this request");
    }
    return caller;
  }

  void authenticated(Caller caller, RateLimitDecision rateLimit) {
    this.caller = caller;
    this.rateLimit = rateLimit;
  }

  RateLimitDecision rateLimit() {
    return rateLimit;
  }
}
