package io.scanflow.contract.registry;

import io.scanflow.contract.ApiKey;

/** What the key registry says about a presented API key. */
public sealed interface KeyCheck {
  /** Revoked, or unknown to a registry that is current: a client may be told so (403). */
  KeyCheck REFUSED = new Refused();

  /**
   * Unknown to a registry that is not current (just started, or cut off from Kafka): the key may
   * exist, so answer 503 with {@code Retry-After}, never 403.
   */
  KeyCheck NOT_YET_KNOWN = new NotYetKnown();

  /** An active key: its public facts and its SHA-256 hex. */
  record Active(ApiKey key, String keyHash) implements KeyCheck {
    public String siteId() {
      return key.siteId();
    }
  }

  /** See {@link #REFUSED}. */
  record Refused() implements KeyCheck {}

  /** See {@link #NOT_YET_KNOWN}. */
  record NotYetKnown() implements KeyCheck {}
}
