package io.scanflow.reports.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves the API as {@code {"detail": ...}}; never a stack trace. */
public class ErrorMappers {
  private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

  @ServerExceptionMapper
  public Response problem(ApiProblem problem) {
    return problem.getResponse();
  }

  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    String reason =
        Response.Status.fromStatusCode(status) == null
            ? "Request failed"
            : Response.Status.fromStatusCode(status).getReasonPhrase();
    return json(status, reason);
  }

  /** The database is down or restarting: the reports are back when it is. */
  @ServerExceptionMapper
  public Response database(SQLException e) {
    LOG.warnf("Report query failed: %s", e.getMessage());
    return Response.status(Response.Status.SERVICE_UNAVAILABLE)
        .header("Retry-After", "5")
        .type(MediaType.APPLICATION_JSON)
        .entity(Map.of("detail", "Report store unavailable, retry later"))
        .build();
  }

  @ServerExceptionMapper
  public Response unexpected(RuntimeException e) {
    if (e.getCause() instanceof SQLException sql) {
      return database(sql);
    }
    LOG.error("Unexpected error in the reports API", e);
    return json(500, "Internal error");
  }

  private static Response json(int status, String detail) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON)
        .entity(Map.of("detail", detail))
        .build();
  }
}
