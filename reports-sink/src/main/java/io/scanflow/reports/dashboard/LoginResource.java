package io.scanflow.reports.dashboard;

import io.scanflow.reports.auth.AdminAuthentication;
import io.scanflow.reports.auth.Public;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The dashboard's login and logout: exchanges the admin token for a session cookie, which the
 * reports API then accepts like the bearer token, and ends that session on the server at logout.
 * Both are {@link Public}: login checks the token itself, behind the failure throttle; logout needs
 * nothing, and only ends the session its own cookie names.
 */
@Public
@Path("/")
public class LoginResource {
  private final AdminAuthentication admin;

  public LoginResource(AdminAuthentication admin) {
    this.admin = admin;
  }

  /** 204 with the session cookie; 401 for a wrong token, 429 after too many from one address. */
  @POST
  @Path("login")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.APPLICATION_JSON)
  public Response login(@FormParam("token") String token, @Context HttpServerRequest request) {
    String sessionId = admin.login(token);
    return Response.noContent().cookie(SessionCookies.session(sessionId, request)).build();
  }

  /** 204 whether or not there was a session: the cookie no longer works anywhere. */
  @POST
  @Path("logout")
  public Response logout(@Context HttpHeaders headers, @Context HttpServerRequest request) {
    admin.logout(headers);
    return Response.noContent().cookie(SessionCookies.expired(request)).build();
  }
}
