package io.scanflow.reports.dashboard;

import io.scanflow.reports.api.ApiProblem;
import io.scanflow.reports.auth.AdminToken;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

/**
 * The dashboard's login: exchanges the admin token for an HttpOnly, SameSite=Strict session cookie,
 * which the reports API then accepts like the bearer token.
 */
@Path("/")
public class LoginResource {
  private final AdminToken adminToken;

  public LoginResource(AdminToken adminToken) {
    this.adminToken = adminToken;
  }

  @POST
  @Path("login")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.APPLICATION_JSON)
  public Response login(@FormParam("token") String token) {
    if (!adminToken.matches(token == null ? null : token.trim())) {
      throw new ApiProblem(Response.Status.UNAUTHORIZED, "Invalid admin token");
    }
    return Response.noContent().cookie(cookie(adminToken.sessionValue(), -1)).build();
  }

  @POST
  @Path("logout")
  public Response logout() {
    return Response.noContent().cookie(cookie("", 0)).build();
  }

  private static NewCookie cookie(String value, int maxAge) {
    return new NewCookie.Builder(AdminToken.SESSION_COOKIE)
        .value(value)
        .path("/")
        .httpOnly(true)
        .sameSite(NewCookie.SameSite.STRICT)
        .maxAge(maxAge)
        .build();
  }
}
