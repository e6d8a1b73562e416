package io.scanflow.reports.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** An error answer of the reports API: a status and a {@code {"detail": ...}} body. */
public class ApiProblem extends WebApplicationException {
  public ApiProblem(Response.Status status, String detail) {
    this(detail, json(status, detail));
  }

  private ApiProblem(String detail, Response.ResponseBuilder response) {
    super(detail, response.build());
  }

  /** A refusal the client should repeat after {@code retryAfterSeconds} (429, 503). */
  public static ApiProblem retryLater(
      Response.Status status, String detail, long retryAfterSeconds) {
    return new ApiProblem(detail, json(status, detail).header("Retry-After", retryAfterSeconds));
  }

  public static ApiProblem badRequest(String detail) {
    return new ApiProblem(Response.Status.BAD_REQUEST, detail);
  }

  public static ApiProblem notFound(String detail) {
    return new ApiProblem(Response.Status.NOT_FOUND, detail);
  }

  private static Response.ResponseBuilder json(Response.Status status, String detail) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON)
        .entity(Map.of("detail", detail));
  }
}
