package io.scanflow.reports.auth;

import io.scanflow.reports.api.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response.Status;
import java.sql.SQLException;

/**
 * Decides who may read what: the admin token (as bearer token or dashboard cookie) opens
 * everything; a site's own API key opens that site's reports only. Missing credentials → 401, a
 * wrong bearer token → 401, an unknown/revoked key or another site's key → 403, a site key while
 * the key registry is still loading → 503.
 */
@ApplicationScoped
public class AccessGuard {
  private static final String BEARER = "Bearer ";

  private final AdminToken adminToken;
  private final SiteKeys siteKeys;

  public AccessGuard(AdminToken adminToken, SiteKeys siteKeys) {
    this.adminToken = adminToken;
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

  /** Who calls, before deciding what they may read; throws the 401, 403 or 503 answer. */
  public Caller identify(HttpHeaders headers) {
    String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (authorization != null && !authorization.isBlank()) {
      if (authorization.startsWith(BEARER)
          && adminToken.matches(authorization.substring(BEARER.length()).trim())) {
        return Caller.administrator();
      }
      throw new ApiProblem(Status.UNAUTHORIZED, "Invalid admin token");
    }
    String apiKey = headers.getHeaderString(SiteKeys.HEADER);
    if (apiKey != null && !apiKey.isBlank()) {
      return siteKeys.callerOf(apiKey.trim());
    }
    Cookie session = headers.getCookies().get(AdminToken.SESSION_COOKIE);
    if (session != null && adminToken.matchesSession(session.getValue())) {
      return Caller.administrator();
    }
    throw new ApiProblem(Status.UNAUTHORIZED, "Missing credentials: admin token or X-API-Key");
  }
}
