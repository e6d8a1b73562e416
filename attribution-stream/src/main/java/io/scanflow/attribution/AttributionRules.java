package io.scanflow.attribution;

import io.scanflow.contract.Attribution;
import io.scanflow.contract.IngestedEvent;
import io.scanflow.contract.ScanSession;
import io.scanflow.contract.UnattributedReason;
import java.time.Duration;
import java.time.Instant;

/**
 * The attribution rule of pipeline.md §3, as a pure function of an event, its session and window.
 */
public final class AttributionRules {
  /** An event may precede its scan by this much (clocks of phone and shop server disagree). */
  public static final Duration EARLY_TOLERANCE = Duration.ofMinutes(5);

  private AttributionRules() {}

  /**
   * @param session the event's scan session, or null when it never arrived
   * @param windowDays the attribution window of the event's site
   */
  public static Attribution attribute(IngestedEvent event, ScanSession session, int windowDays) {
    if (session == null) {
      return Attribution.unattributed(UnattributedReason.SESSION_NOT_FOUND);
    }
    if (!session.siteId().equals(event.siteId())) {
      return Attribution.unattributed(UnattributedReason.SITE_MISMATCH);
    }
    Instant earliest = session.scannedAt().minus(EARLY_TOLERANCE);
    Instant latest = session.scannedAt().plus(Duration.ofDays(windowDays));
    if (event.eventTime().isBefore(earliest) || event.eventTime().isAfter(latest)) {
      return Attribution.unattributed(UnattributedReason.OUTSIDE_WINDOW);
    }
    return Attribution.attributed(session);
  }
}
