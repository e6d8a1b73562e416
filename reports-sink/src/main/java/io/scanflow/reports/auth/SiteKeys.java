package io.scanflow.reports.auth;

import io.scanflow.contract.registry.ApiKeyAuthenticator;
import io.scanflow.contract.registry.KeyCheck;
import io.scanflow.reports.api.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response.Status;
import java.time.Duration;

/**
 * Whose site key this is, answered from the in-memory key registry (the {@code api-keys} topic), as
 * ingest-api answers it: a revocation counts here within seconds, however far the sink's tables lag
 * behind; an unknown key is 503, not 403, while the registry is not current.
 */
@ApplicationScoped
public class SiteKeys {
  public static final String HEADER = "X-API-Key";

  /** The registry catches up in about a second; asking again soon is right. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(1);

  private final ApiKeyAuthenticator authenticator;

  public SiteKeys(ApiKeyAuthenticator authenticator) {
    this.authenticator = authenticator;
  }

  /** The reader holding {@code presentedKey}; throws the 403 or 503 answer otherwise. */
  public ReportReader readerOf(String presentedKey) {
    KeyCheck check = authenticator.check(presentedKey);
    if (check instanceof KeyCheck.Active active) {
      return ReportReader.ofSite(active.siteId(), active.keyHash());
    }
    if (check == KeyCheck.NOT_YET_KNOWN) {
      throw ApiProblem.retryLater(
          Status.SERVICE_UNAVAILABLE, "API key registry is catching up, retry later", RETRY_AFTER);
    }
    throw new ApiProblem(Status.FORBIDDEN, "Invalid or revoked API key");
  }
}
