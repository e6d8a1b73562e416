package io.scanflow.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Hashed identifiers of the visitor; never raw e-mail addresses or phone numbers. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserIdentifiers(
    @JsonProperty("email_hash") String emailHash, @JsonProperty("phone_hash") String phoneHash) {
  private static final String SHA_256_HEX = "[0-9a-f]{64}";

  /**
   * Whether {@code value} has the schema's form of a hash: 64 lower-case hex characters. Checked
   * character by character rather than by a regex: every stage checks every event, and the regex
   * match was a tenth of reports-sink's CPU in a replay.
   */
  public static boolean isHash(String value) {
    if (value.length() != 64) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  /** Adds what these identifiers break of their schema (named {@code field}) to {@code found}. */
  void addViolations(List<String> found, String field) {
    hash(found, field + ".email_hash", emailHash);
    hash(found, field + ".phone_hash", phoneHash);
  }

  private static void hash(List<String> found, String field, String value) {
    if (value != null && !isHash(value)) {
      found.add(field + " must match " + SHA_256_HEX);
    }
  }
}
