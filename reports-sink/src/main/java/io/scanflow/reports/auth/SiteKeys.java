package io.scanflow.reports.auth;

import io.scanflow.contract.registry.ApiKeyAuthenticator;
import io.scanflow.contract.registry.KeyCheck;
import io.scanflow.reports.api.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response.Status;

/**
 * Whose site key this is, answered from the in-memory key registry (the {@code api-keys} topic), as
 * ingest-api answers it: a revocation counts here within seconds, however far the sink's tables lag
 * behind.
 */
@ApplicationScoped
public class SiteKeys {
  public static final String HEADER = "X-API-Key";

  /** The registry loads in about a second; asking again soon is right. */
  static final long RETRY_AFTER_SECONDS = 1;

  private final ApiKeyAuthenticator authenticator;

  public SiteKeys(ApiKeyAuthenticator authenticator) {
    this.authenticator = authenticator;
  }

  /** The caller holding {@code presentedKey}; throws the 403 or 503 answer otherwise. */
  public Caller callerOf(String presentedKey) {
    KeyCheck check = authenticator.check(presentedKey);
    if (check instanceof KeyCheck.Active active) {
      return Caller.ofSite(active.siteId());
    }
    if (check == KeyCheck.NOT_READY) {
      throw ApiProblem.retryLater(
          Status.SERVICE_UNAVAILABLE,
          "Key registry not loaded yet, retry later",
          RETRY_AFTER_SECONDS);
    }
    throw new ApiProblem(Status.FORBIDDEN, "Invalid or revoked API key");
  }
}
