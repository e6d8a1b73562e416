package io.scanflow.reports.auth;

/**
 * Who reads the reports, once authenticated: the admin (admin token or dashboard session) or the
 * holder of one site's API key. Unlike ingest-api's caller, which is always one site's key, a
 * reader may be the admin. {@code rateLimitBucket} names the credential it is counted by, never the
 * secret itself: {@code admin} for the bearer token, {@code session:<hash>} for a dashboard
 * session, {@code key:<hash>} for a site key.
 */
public record ReportReader(boolean admin, String siteId, String rateLimitBucket) {
  static ReportReader administrator(String rateLimitBucket) {
    return new ReportReader(true, null, rateLimitBucket);
  }

  static ReportReader ofSite(String siteId, String keyHash) {
    return new ReportReader(false, siteId, "key:" + keyHash);
  }

  public boolean mayRead(String site) {
    return admin || siteId.equals(site);
  }
}
