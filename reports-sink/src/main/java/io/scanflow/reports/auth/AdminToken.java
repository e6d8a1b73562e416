package io.scanflow.reports.auth;

import io.scanflow.contract.Sha256;
import io.scanflow.reports.ReportsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the admin token, and derives the dashboard's session cookie from it: the cookie holds an
 * HMAC of the token, not the token, so a leaked cookie does not reveal the token used elsewhere.
 */
@ApplicationScoped
public class AdminToken {
  public static final String SESSION_COOKIE = "scanflow_admin";
  private static final String SESSION_PURPOSE = "scanflow-dashboard-session-v1";

  private final byte[] tokenDigest;
  private final String sessionValue;

  public AdminToken(ReportsConfig config) {
    this.tokenDigest = Sha256.of(config.adminToken());
    this.sessionValue = hmac(config.adminToken(), SESSION_PURPOSE);
  }

  /** Constant-time comparison of digests, so response times don't reveal the token. */
  public boolean matches(String presented) {
    return presented != null && MessageDigest.isEqual(tokenDigest, Sha256.of(presented));
  }

  public boolean matchesSession(String cookieValue) {
    return cookieValue != null
        && MessageDigest.isEqual(
            sessionValue.getBytes(StandardCharsets.UTF_8),
            cookieValue.getBytes(StandardCharsets.UTF_8));
  }

  public String sessionValue() {
    return sessionValue;
  }

  private static String hmac(String key, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
