package io.scanflow.attribution;

/**
 * Keys of the pending store: {@code scan_session_id|site_id/event_id}, so that several events can
 * wait for one session and the session finds all of them with one prefix scan.
 */
final class PendingKeys {
  private static final String SEPARATOR = "|";

  private PendingKeys() {}

  static String of(String sessionId, String eventKey) {
    return sessionId + SEPARATOR + eventKey;
  }

  static String prefixOf(String sessionId) {
    return sessionId + SEPARATOR;
  }
}
