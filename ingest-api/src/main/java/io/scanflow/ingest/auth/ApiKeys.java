package io.scanflow.ingest.auth;

import io.scanflow.contract.ApiKeyHash;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Makes new API keys: {@code sf_live_} and 32 random base62 characters from SecureRandom. */
public final class ApiKeys {
  public static final int RANDOM_LENGTH = 32;

  /** How many characters of a key are kept (as its {@code prefix}) to tell keys apart in lists. */
  public static final int VISIBLE_LENGTH = ApiKeyHash.KEY_PREFIX.length() + 4;

  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final Pattern FORMAT =
      Pattern.compile(Pattern.quote(ApiKeyHash.KEY_PREFIX) + "[0-9A-Za-z]{" + RANDOM_LENGTH + "}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeys() {}

  public static String generate() {
    StringBuilder key = new StringBuilder(ApiKeyHash.KEY_PREFIX);
    for (int i = 0; i < RANDOM_LENGTH; i++) {
      key.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
    }
    return key.toString();
  }

  public static boolean hasKeyFormat(String candidate) {
    return FORMAT.matcher(candidate).matches();
  }

  /** The visible start of a key, e.g. {@code sf_live_Ab3x}; the rest is never kept. */
  public static String prefixOf(String key) {
    return key.substring(0, Math.min(VISIBLE_LENGTH, key.length()));
  }
}
