package io.scanflow.ingest.rejection;

import io.scanflow.ingest.auth.Caller;
import io.scanflow.ingest.http.ApiKeyRequired;
import io.scanflow.ingest.http.CallerContext;
import io.scanflow.ingest.http.ErrorBody;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;

/**
 * Sees every final answer of the key-authenticated endpoints: a refusal the site's integrators
 * should see (http-api.md §10) goes to the rejection log. The other place is {@link
 * io.scanflow.ingest.overload.LoadShedding}, whose 503s are answered before these endpoints run. A
 * 403 here is always a site mismatch, since a request whose key was refused has no authenticated
 * caller.
 */
@Provider
@ApiKeyRequired
public class RejectionRecorder implements ContainerResponseFilter {
  static final Set<Integer> RECORDED = Set.of(403, 413, 415, 422, 429);

  // Providers: JAX-RS providers are built at static init, before runtime config exists.
  @Inject Instance<RejectionLog> log;
  @Inject CallerContext context;

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!RECORDED.contains(response.getStatus())) {
      return;
    }
    Caller caller = context.authenticatedCaller();
    if (caller == null) {
      return;
    }
    Object detail =
        response.getEntity() instanceof ErrorBody body
            ? body.detail()
            : response.getStatusInfo().getReasonPhrase();
    log.get()
        .refused(
            caller.keyHash(),
            caller.siteId(),
            "/" + request.getUriInfo().getPath().replaceFirst("^/+", ""),
            response.getStatus(),
            context.eventId(),
            detail);
  }
}
