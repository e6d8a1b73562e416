package io.scanflow.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Hashed identifiers of the visitor; never raw e-mail addresses or phone numbers. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserIdentifiers(
    @JsonProperty("email_hash") String emailHash, @JsonProperty("phone_hash") String phoneHash) {
  /** A SHA-256 digest in hex: 32 bytes, two digits each. */
  private static final int SHA_256_HEX_LENGTH = 64;

  /** Whether {@code value} has the schema's form of a hash: 64 lower-case hex characters. */
  public static boolean isHash(String value) {
    return SchemaRules.isLowerHex(value, SHA_256_HEX_LENGTH);
  }

  /** Adds what these identifiers break of their schema (named {@code field}) to {@code found}. */
  void addViolations(List<String> found, String field) {
    SchemaRules.lowerHex(found, field + ".email_hash", emailHash, SHA_256_HEX_LENGTH);
    SchemaRules.lowerHex(found, field + ".phone_hash", phoneHash, SHA_256_HEX_LENGTH);
  }
}
