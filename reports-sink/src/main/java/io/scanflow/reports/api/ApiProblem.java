package io.scanflow.reports.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** An error answer of the reports API: a status and a {@code {"detail": ...}} body. */
public class ApiProblem extends WebApplicationException {
  public ApiProblem(Response.Status status, String detail) {
    super(
        detail,
        Response.status(status)
            .type(MediaType.APPLICATION_JSON)
            .entity(Map.of("detail", detail))
            .build());
  }

  public static ApiProblem badRequest(String detail) {
    return new ApiProblem(Response.Status.BAD_REQUEST, detail);
  }

  public static ApiProblem notFound(String detail) {
    return new ApiProblem(Response.Status.NOT_FOUND, detail);
  }
}
