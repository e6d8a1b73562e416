package io.scanflow.reports.dashboard;

import io.scanflow.reports.auth.DashboardSessions;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.NewCookie;

/**
 * The dashboard's session cookie: {@code HttpOnly} (no script can read it), {@code SameSite=Strict}
 * (no other site can make the browser send it), {@code Path=/}, no {@code Max-Age} (the server
 * decides when a session ends), and {@code Secure} whenever the browser reached us over HTTPS.
 */
final class SessionCookies {
  private SessionCookies() {}

  static NewCookie session(String sessionId, HttpServerRequest request) {
    return cookie(sessionId, NewCookie.DEFAULT_MAX_AGE, request);
  }

  /** Tells the browser to drop the cookie (the session itself is ended on the server). */
  static NewCookie expired(HttpServerRequest request) {
    return cookie("", 0, request);
  }

  /**
   * HTTPS if the connection is (or Quarkus's trusted-proxy handling says it was), or if a proxy
   * says {@code X-Forwarded-Proto: https}. That header is believed even without {@code
   * quarkus.http.proxy.*}: it can only add the {@code Secure} flag, and a client that fakes it only
   * keeps its own cookie from being sent over plain HTTP.
   */
  static boolean overHttps(String scheme, String forwardedProto) {
    if ("https".equalsIgnoreCase(scheme)) {
      return true;
    }
    if (forwardedProto == null) {
      return false;
    }
    // "https, http": the first entry is what the client used with the first proxy.
    return forwardedProto.split(",", 2)[0].strip().equalsIgnoreCase("https");
  }

  private static NewCookie cookie(String value, int maxAge, HttpServerRequest request) {
    return new NewCookie.Builder(DashboardSessions.COOKIE)
        .value(value)
        .path("/")
        .httpOnly(true)
        .sameSite(NewCookie.SameSite.STRICT)
        .secure(overHttps(request.scheme(), request.getHeader("X-Forwarded-Proto")))
        .maxAge(maxAge)
        .build();
  }
}
