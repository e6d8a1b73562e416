package io.scanflow.ingest.auth;

/** What the presented API key turned out to be; {@code caller} is set only when authenticated. */
public record Authentication(Outcome outcome, Caller caller) {

  /** The three answers a key can get. */
  public enum Outcome {
    /** An active key: the request goes on. */
    AUTHENTICATED,
    /** Known to be revoked, or unknown to a registry that is current: 403. */
    REFUSED,
    /** Unknown to a registry that has not caught up: it may exist, so 503, never 403. */
    NOT_YET_KNOWN
  }

  static Authentication authenticated(Caller caller) {
    return new Authentication(Outcome.AUTHENTICATED, caller);
  }

  static Authentication refused() {
    return new Authentication(Outcome.REFUSED, null);
  }

  static Authentication notYetKnown() {
    return new Authentication(Outcome.NOT_YET_KNOWN, null);
  }
}
