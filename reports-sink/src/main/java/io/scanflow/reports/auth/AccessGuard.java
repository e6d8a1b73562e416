package io.scanflow.reports.auth;

import io.scanflow.contract.ApiKeyHash;
import io.scanflow.reports.api.ApiProblem;
import io.scanflow.reports.store.SiteDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response.Status;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Decides who may read what: the admin token (as bearer token or dashboard session) opens
 * everything; a site's own API key opens that site's reports only. Missing credentials → 401, a
 * wrong bearer token → 401 (429 after too many), an unknown/revoked key or another site's key →
 * 403.
 */
@ApplicationScoped
public class AccessGuard {
  private final AdminAuthentication admin;
  private final SiteDirectory directory;

  public AccessGuard(AdminAuthentication admin, SiteDirectory directory) {
    this.admin = admin;
    this.directory = directory;
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

  private Caller identify(HttpHeaders headers) throws SQLException {
    Optional<Caller> bearer = admin.bearer(headers);
    if (bearer.isPresent()) {
      return bearer.get();
    }
    String apiKey = headers.getHeaderString("X-API-Key");
    if (apiKey != null && !apiKey.isBlank()) {
      Optional<String> site = directory.siteOfActiveKey(ApiKeyHash.of(apiKey.trim()));
      return Caller.ofSite(
          site.orElseThrow(() -> new ApiProblem(Status.FORBIDDEN, "Invalid or revoked API key")));
    }
    if (admin.session(headers)) {
      return Caller.administrator();
    }
    throw new ApiProblem(Status.UNAUTHORIZED, "Missing credentials: admin token or X-API-Key");
  }
}
