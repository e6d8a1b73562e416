package io.scanflow.attribution;

/**
 * Refuses a registration of a scan session id that another site registered first (pipeline.md
 * section 3): thrown by {@link SessionProcessor}, it makes the guard dead-letter the registration's
 * own bytes with this class and message, under the site that tried.
 */
final class SessionOwnedByOtherSiteException extends RuntimeException {
  /** The reason as the DLQ message and the site's warnings show it. */
  static final String REASON = "session_owned_by_other_site";

  SessionOwnedByOtherSiteException(String scanSessionId) {
    // Never names the owner: the message is shown to the site that tried. No stack trace: this is
    // a rule refusing a record, not the stage's code failing, so there is nothing to debug.
    super(
        REASON
            + ": scan session "
            + scanSessionId
            + " was registered first by another site; this registration is ignored",
        null,
        false,
        false);
  }
}
