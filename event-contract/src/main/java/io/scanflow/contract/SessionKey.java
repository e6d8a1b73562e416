package io.scanflow.contract;

import java.util.Locale;

/**
 * Builds the key of a scan session on {@code server-events-unique}, {@code scan-sessions} and in
 * attribution's stores: the id in lower case, so that a UUID written in either case names one
 * session.
 */
public final class SessionKey {
  private SessionKey() {}

  public static String of(String scanSessionId) {
    return scanSessionId.toLowerCase(Locale.ROOT);
  }
}
