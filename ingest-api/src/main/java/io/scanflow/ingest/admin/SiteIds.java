package io.scanflow.ingest.admin;

import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Derives a site id from a site's name: a slug plus a short random suffix ("shop-berlin-4k2x9q").
 */
final class SiteIds {
  private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
  private static final SecureRandom RANDOM = new SecureRandom();

  private SiteIds() {}

  static String fromName(String name) {
    String slug =
        Normalizer.normalize(name, Normalizer.Form.NFKD)
            .replaceAll("\\p{M}", "")
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^-+|-+$", "");
    if (slug.length() > 48) {
      slug = slug.substring(0, 48).replaceAll("-+$", "");
    }
    return (slug.isEmpty() ? "site" : slug) + "-" + suffix();
  }

  private static String suffix() {
    StringBuilder suffix = new StringBuilder(6);
    for (int i = 0; i < 6; i++) {
      suffix.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return suffix.toString();
  }
}
