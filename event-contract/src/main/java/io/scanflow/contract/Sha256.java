package io.scanflow.contract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 of text, the one way secrets (API keys, the admin token) are kept and compared. */
public final class Sha256 {
  private Sha256() {}

  /**
   * The digest of the UTF-8 bytes of {@code text}; compare digests with {@link
   * MessageDigest#isEqual}.
   */
  public static byte[] of(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
