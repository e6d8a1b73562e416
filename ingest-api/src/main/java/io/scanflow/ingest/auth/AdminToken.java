package io.scanflow.ingest.auth;

import io.scanflow.contract.Sha256;
import java.security.MessageDigest;

/** Checks an admin bearer token in constant time (both sides hashed, so lengths leak nothing). */
public final class AdminToken {
  private final byte[] expectedDigest;

  public AdminToken(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException(
          "scanflow.admin-token (env SCANFLOW_ADMIN_TOKEN) must be set to a non-blank secret");
    }
    this.expectedDigest = Sha256.of(token);
  }

  /** True if {@code authorization} is {@code Bearer <the token>}. */
  public boolean accepts(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    return MessageDigest.isEqual(expectedDigest, Sha256.of(authorization.substring(7).trim()));
  }
}
