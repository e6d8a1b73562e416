package io.scanflow.contract;

import java.security.MessageDigest;
import java.util.regex.Pattern;

/**
 * The admin token of an installation ({@code scanflow.admin-token}), shared by ingest-api,
 * reports-sink and the dev stack: long enough that it cannot be guessed, kept only as its SHA-256,
 * and compared in constant time (both sides are hashed, so neither the time nor the length of the
 * presented token reveals anything).
 */
public final class AdminToken {
  /** 32 characters: e.g. {@code openssl rand -hex 24} gives 48, the dev stack's token 41. */
  public static final int MIN_LENGTH = 32;

  /** What a token must be; a compile-time constant so that config constraints can quote it. */
  public static final String REQUIREMENT =
      "must be a secret of at least "
          + MIN_LENGTH
          + " characters without spaces (e.g. openssl rand -hex 24)";

  /**
   * The rule as a regular expression, for Bean Validation's {@code @Pattern} on the services'
   * config mappings: at least {@link #MIN_LENGTH} characters, none of them whitespace.
   */
  public static final String PATTERN = "\\S{" + MIN_LENGTH + ",}";

  private static final Pattern ACCEPTABLE = Pattern.compile(PATTERN);
  private static final String BEARER = "Bearer ";

  private final byte[] digest;

  private AdminToken(byte[] digest) {
    this.digest = digest;
  }

  /**
   * The token configured as {@code token}.
   *
   * @throws IllegalArgumentException if it is missing, shorter than {@link #MIN_LENGTH} or has
   *     whitespace; the message names the setting but never the value
   */
  public static AdminToken of(String token) {
    if (!isAcceptable(token)) {
      throw new IllegalArgumentException(
          "scanflow.admin-token (env SCANFLOW_ADMIN_TOKEN) " + REQUIREMENT);
    }
    return new AdminToken(Sha256.of(token));
  }

  /** Whether {@code token} could be an admin token (see {@link #REQUIREMENT}). */
  public static boolean isAcceptable(String token) {
    return token != null && ACCEPTABLE.matcher(token).matches();
  }

  /** True if {@code presented} is this token; surrounding whitespace is ignored. */
  public boolean matches(String presented) {
    return presented != null && MessageDigest.isEqual(digest, Sha256.of(presented.strip()));
  }

  /**
   * True if {@code authorization} (an HTTP {@code Authorization} header) is {@code Bearer <this
   * token>}; the scheme is case-insensitive, as HTTP says.
   */
  public boolean acceptsBearer(String authorization) {
    return authorization != null
        && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
        && matches(authorization.substring(BEARER.length()));
  }

  /** Never the token, not even its digest: this object ends up in logs and debuggers. */
  @Override
  public String toString() {
    return "AdminToken[****]";
  }
}
