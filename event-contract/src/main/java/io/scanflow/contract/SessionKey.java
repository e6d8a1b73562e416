package io.scanflow.contract;

import java.util.Locale;

/**
 * Builds the key of a scan session on {@code server-events-unique}, {@code scan-sessions} and in
 * attribution's stores: the id in lower case, so that a UUID written in either case names one
 * session.
 */
public final class SessionKey {
  private SessionKey() {}

  /** Whether {@code scanSessionId} has the schema's form: a UUID, 8-4-4-4-12 hex, either case. */
  public static boolean isWellFormed(String scanSessionId) {
    return SchemaRules.isUuid(scanSessionId);
  }

  public static String of(String scanSessionId) {
    return scanSessionId.toLowerCase(Locale.ROOT);
  }
}
