package io.scanflow.ingest.http;

import io.scanflow.ingest.config.IngestConfig;
import io.scanflow.ingest.publish.PublishUnavailableException;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place that turns failures into the spec's JSON bodies. Nothing escapes as a 500 with a
 * stack trace: an unexpected failure is logged and answered 503 with {@code Retry-After}, because
 * nothing was acknowledged and the client may safely resend.
 */
public class ErrorMapper {
  private static final Logger LOG = Logger.getLogger(ErrorMapper.class);
  static final String UNAVAILABLE = "Event store unavailable, retry later";

  // Providers: JAX-RS providers are built at static init, before runtime config exists.
  @Inject Provider<IngestConfig> config;

  @ServerExceptionMapper
  public Response apiError(ApiException e) {
    Response.ResponseBuilder response = json(e.status(), e.detail());
    e.headers().forEach(response::header);
    return response.build();
  }

  @ServerExceptionMapper
  public Response unavailable(PublishUnavailableException e) {
    LOG.warnf("Answering 503: %s (%s)", e.getMessage(), String.valueOf(e.getCause()));
    return retryLater(UNAVAILABLE);
  }

  @ServerExceptionMapper
  public Response webError(WebApplicationException e) {
    Response original = e.getResponse();
    int status = original.getStatus();
    if (status >= 500) {
      LOG.error("Unexpected server error", e);
      return retryLater("Service temporarily unavailable, retry later");
    }
    return json(status, original.getStatusInfo().getReasonPhrase()).build();
  }

  @ServerExceptionMapper(priority = 10_000)
  public Response unexpected(Throwable e) {
    LOG.error("Unexpected failure", e);
    return retryLater("Service temporarily unavailable, retry later");
  }

  private Response retryLater(String detail) {
    return json(503, detail)
        .header("Retry-After", config.get().publish().retryAfterSeconds())
        .build();
  }

  private static Response.ResponseBuilder json(int status, Object detail) {
    return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ErrorBody(detail));
  }
}
