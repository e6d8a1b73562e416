package io.scanflow.ingest.http;

import io.scanflow.contract.AdminToken;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/** 401 for an admin call without the right {@code Authorization: Bearer} token. */
@Provider
@AdminTokenRequired
@Priority(Priorities.AUTHENTICATION)
public class AdminTokenFilter implements ContainerRequestFilter {
  // Providers: JAX-RS providers are built at static init, before runtime config exists.
  @Inject Instance<AdminToken> adminToken;

  @Override
  public void filter(ContainerRequestContext request) {
    if (!adminToken.get().acceptsBearer(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
      request.abortWith(
          Response.status(401)
              .type(MediaType.APPLICATION_JSON)
              .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
              .entity(new ErrorBody("Missing or invalid admin token"))
              .build());
    }
  }
}
