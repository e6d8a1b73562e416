package io.scanflow.reports.auth;

import io.scanflow.reports.api.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response.Status;
import java.util.Optional;

/**
 * Decides who may read what: the admin token (as bearer token or dashboard session) opens
 * everything; a site's own API key opens that site's reports only. Missing credentials → 401, a
 * wrong bearer token → 401 (429 after too many), an unknown/revoked key or another site's key →
 * 403, an unknown key while the key registry is not current → 503. Called by {@link AccessFilter}
 * only.
 */
@ApplicationScoped
public class AccessGuard {
  private final AdminAuthentication admin;
  private final SiteKeys siteKeys;

  public AccessGuard(AdminAuthentication admin, SiteKeys siteKeys) {
    this.admin = admin;
    this.siteKeys = siteKeys;
  }

  /**
   * Who calls, before deciding what they may read; throws the 401, 403, 429 or 503 answer. A bearer
   * token is asked first, then a site key, then the session cookie.
   */
  public ReportReader identify(HttpHeaders headers) {
    Optional<ReportReader> bearer = admin.bearer(headers);
    if (bearer.isPresent()) {
      return bearer.get();
    }
    String apiKey = headers.getHeaderString(SiteKeys.HEADER);
    if (apiKey != null && !apiKey.isBlank()) {
      return siteKeys.readerOf(apiKey.trim());
    }
    return admin
        .session(headers)
        .orElseThrow(
            () ->
                new ApiProblem(
                    Status.UNAUTHORIZED, "Missing credentials: admin token or X-API-Key"));
  }

  /** Throws the 403 answer unless {@code rule} lets {@code reader} read {@code siteId}'s report. */
  public void authorize(AccessRule rule, ReportReader reader, String siteId) {
    if (rule == AccessRule.ADMIN_ONLY && !reader.admin()) {
      throw new ApiProblem(Status.FORBIDDEN, "This report needs the admin token");
    }
    if (rule == AccessRule.SITE_REPORT && !reader.mayRead(siteId)) {
      throw new ApiProblem(Status.FORBIDDEN, "The API key does not belong to this site");
    }
  }
}
