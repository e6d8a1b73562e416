package io.scanflow.contract.registry;

import io.scanflow.contract.ApiKey;

/** What the key registry says about a presented API key. */
public sealed interface KeyCheck {
  /** Unknown or revoked: a client may be told so (403), and will stop sending. */
  KeyCheck REFUSED = new Refused();

  /**
   * The registry has not read the whole {@code api-keys} topic yet, so the key may be valid (or
   * revoked later in the log): answer 503 with {@code Retry-After}, never 403.
   */
  KeyCheck NOT_READY = new NotReady();

  /** An active key: its public facts and its SHA-256 hex. */
  record Active(ApiKey key, String keyHash) implements KeyCheck {
    public String siteId() {
      return key.siteId();
    }
  }

  /** See {@link #REFUSED}. */
  record Refused() implements KeyCheck {}

  /** See {@link #NOT_READY}. */
  record NotReady() implements KeyCheck {}
}
