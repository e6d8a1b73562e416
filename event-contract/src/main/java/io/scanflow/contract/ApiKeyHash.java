package io.scanflow.contract;

import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The only form in which an API key is ever kept: the lower-case SHA-256 hex digest of its UTF-8
 * bytes. It keys the {@code api-keys} topic.
 */
public final class ApiKeyHash {
  /** Every key starts with this; the rest is 32 random base62 characters. */
  public static final String KEY_PREFIX = "sf_live_";

  private ApiKeyHash() {}

  public static String of(String apiKey) {
    return HexFormat.of().formatHex(digest(apiKey));
  }

  /** SHA-256 of the key, for constant-time comparison with {@link MessageDigest#isEqual}. */
  public static byte[] digest(String apiKey) {
    return Sha256.of(apiKey);
  }
}
