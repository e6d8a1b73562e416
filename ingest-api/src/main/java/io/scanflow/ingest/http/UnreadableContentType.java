package io.scanflow.ingest.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Bodies are read as JSON whatever Content-Type says (http-api.md §2). A header that is not even a
 * media type ({@code Content-Type: json}) would otherwise be refused with 415 while the request is
 * matched, before the body is looked at; it is dropped, as if the client had sent none.
 */
public class UnreadableContentType {

  @ServerRequestFilter(preMatching = true)
  public void dropIfUnreadable(ContainerRequestContext request) {
    String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
    if (contentType == null) {
      return;
    }
    try {
      MediaType.valueOf(contentType);
    } catch (IllegalArgumentException e) {
      request.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
    }
  }
}
