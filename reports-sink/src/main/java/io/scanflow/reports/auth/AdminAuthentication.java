package io.scanflow.reports.auth;

import io.scanflow.contract.AdminToken;
import io.scanflow.reports.ReportsConfig;
import io.scanflow.reports.api.ApiProblem;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response.Status;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The admin's two ways in: the admin token as a bearer token (API clients), and a dashboard
 * session, opened by logging in with the token. Wrong tokens are throttled per client address
 * (which is the proxy's {@code X-Forwarded-For} only when {@code quarkus.http.proxy.*} says a proxy
 * is trusted; otherwise anyone could pick a fresh address per attempt).
 */
@ApplicationScoped
public class AdminAuthentication {
  private final AdminToken token;
  private final DashboardSessions sessions;
  private final AuthFailureThrottle throttle;
  private final HttpServerRequest request;

  public AdminAuthentication(
      ReportsConfig config,
      DashboardSessions sessions,
      AuthFailureThrottle throttle,
      HttpServerRequest request) {
    this.token = AdminToken.of(config.adminToken());
    this.sessions = sessions;
    this.throttle = throttle;
    this.request = request; // request-scoped: the current request whenever it is called
  }

  /**
   * Empty without an {@code Authorization} header; the admin for {@code Bearer <admin token>};
   * otherwise 401, or 429 while this client address is throttled.
   */
  public Optional<ReportReader> bearer(HttpHeaders headers) {
    String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (authorization == null || authorization.isBlank()) {
      return Optional.empty();
    }
    requireToken(t -> t.acceptsBearer(authorization));
    return Optional.of(ReportReader.administrator("admin"));
  }

  /**
   * The admin, if the request carries a live dashboard session (this use extends it), counted by
   * the session; empty otherwise. A missing or stale cookie is never counted as a wrong token.
   */
  public Optional<ReportReader> session(HttpHeaders headers) {
    Cookie cookie = headers.getCookies().get(DashboardSessions.COOKIE);
    if (cookie == null || !sessions.use(cookie.getValue())) {
      return Optional.empty();
    }
    return Optional.of(
        ReportReader.administrator("session:" + DashboardSessions.digest(cookie.getValue())));
  }

  /** Checks the token from the login form (401 or 429 as for bearer) and opens a session. */
  public String login(String presented) {
    requireToken(t -> t.matches(presented));
    return sessions.open();
  }

  /** Ends the request's dashboard session on the server, if it has one. */
  public void logout(HttpHeaders headers) {
    Cookie cookie = headers.getCookies().get(DashboardSessions.COOKIE);
    if (cookie != null) {
      sessions.close(cookie.getValue());
    }
  }

  // The throttle is asked first: a blocked address learns nothing, not even from a right token.
  private void requireToken(Predicate<AdminToken> presented) {
    String address = ClientAddress.of(request);
    Optional<Duration> wait = throttle.blockedFor(address);
    if (wait.isPresent()) {
      throw ApiProblem.retryLater(
          Status.TOO_MANY_REQUESTS,
          "Too many wrong admin tokens from this address; try again later",
          wait.get());
    }
    if (!presented.test(token)) {
      throttle.failed(address);
      throw new ApiProblem(Status.UNAUTHORIZED, "Invalid admin token");
    }
    throttle.succeeded(address);
  }
}
