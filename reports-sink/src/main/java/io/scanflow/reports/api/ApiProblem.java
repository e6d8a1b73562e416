package io.scanflow.reports.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Map;

/** An error answer of the reports API: a status and a {@code {"detail": ...}} body. */
public class ApiProblem extends WebApplicationException {
  public ApiProblem(Response.Status status, String detail) {
    this(detail, Response.status(status));
  }

  private ApiProblem(String detail, Response.ResponseBuilder response) {
    super(
        detail, response.type(MediaType.APPLICATION_JSON).entity(Map.of("detail", detail)).build());
  }

  /**
   * A refusal the client should repeat later (429, 503), with {@code Retry-After}: {@code
   * retryAfter} rounded up to whole seconds, at least one.
   */
  public static ApiProblem retryLater(Response.Status status, String detail, Duration retryAfter) {
    long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    return new ApiProblem(detail, Response.status(status).header("Retry-After", seconds));
  }

  public static ApiProblem badRequest(String detail) {
    return new ApiProblem(Response.Status.BAD_REQUEST, detail);
  }

  public static ApiProblem notFound(String detail) {
    return new ApiProblem(Response.Status.NOT_FOUND, detail);
  }
}
