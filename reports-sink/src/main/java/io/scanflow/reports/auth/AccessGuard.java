package io.scanflow.reports.auth;

import io.scanflow.reports.api.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response.Status;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Decides who may read what: the admin token (as bearer token or dashboard session) opens
 * everything; a site's own API key opens that site's reports only. Missing credentials → 401, a
 * wrong bearer token → 401 (429 after too many), an unknown/revoked key or another site's key →
 * 403, an unknown key while the key registry is not current → 503.
 */
@ApplicationScoped
public class AccessGuard {
  private final AdminAuthentication admin;
  private final SiteKeys siteKeys;

  public AccessGuard(AdminAuthentication admin, SiteKeys siteKeys) {
    this.admin = admin;
    this.siteKeys = siteKeys;
  }

  public Caller requireAdmin(HttpHeaders headers) throws SQLException {
    Caller caller = identify(headers);
    if (!caller.admin()) {
      throw new ApiProblem(Status.FORBIDDEN, "This report needs the admin token");
    }
    return caller;
  }

  public Caller requireSite(HttpHeaders headers, String siteId) throws SQLException {
    Caller caller = identify(headers);
    if (!caller.mayRead(siteId)) {
      throw new ApiProblem(Status.FORBIDDEN, "The API key does not belong to this site");
    }
    return caller;
  }

  /** Who calls, before deciding what they may read; throws the 401, 403, 429 or 503 answer. */
  public Caller identify(HttpHeaders headers) {
    Optional<Caller> bearer = admin.bearer(headers);
    if (bearer.isPresent()) {
      return bearer.get();
    }
    String apiKey = headers.getHeaderString(SiteKeys.HEADER);
    if (apiKey != null && !apiKey.isBlank()) {
      return siteKeys.callerOf(apiKey.trim());
    }
    if (admin.session(headers)) {
      return Caller.administrator();
    }
    throw new ApiProblem(Status.UNAUTHORIZED, "Missing credentials: admin token or X-API-Key");
  }
}
