package io.scanflow.reports.auth;

/** Who calls the reports API: the admin, or the holder of one site's API key. */
public record Caller(boolean admin, String siteId) {
  public static Caller administrator() {
    return new Caller(true, null);
  }

  public static Caller ofSite(String siteId) {
    return new Caller(false, siteId);
  }

  public boolean mayRead(String site) {
    return admin || siteId.equals(site);
  }
}
