package io.scanflow.ingest.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Checks an admin bearer token in constant time (both sides hashed, so lengths leak nothing). */
public final class AdminToken {
  private final byte[] expectedDigest;

  public AdminToken(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException(
          "scanflow.admin-token (env SCANFLOW_ADMIN_TOKEN) must be set to a non-blank secret");
    }
    this.expectedDigest = sha256(token);
  }

  /** True if {@code authorization} is {@code Bearer <the token>}. */
  public boolean accepts(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    return MessageDigest.isEqual(expectedDigest, sha256(authorization.substring(7).trim()));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
