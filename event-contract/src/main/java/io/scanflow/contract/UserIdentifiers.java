package io.scanflow.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.regex.Pattern;

/** Hashed identifiers of the visitor; never raw e-mail addresses or phone numbers. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserIdentifiers(
    @JsonProperty("email_hash") String emailHash, @JsonProperty("phone_hash") String phoneHash) {
  private static final Pattern SHA_256_HEX = Pattern.compile("[0-9a-f]{64}");

  /** Whether {@code value} has the schema's form of a hash: 64 lower-case hex characters. */
  public static boolean isHash(String value) {
    return SHA_256_HEX.matcher(value).matches();
  }

  /** Adds what these identifiers break of their schema (named {@code field}) to {@code found}. */
  void addViolations(List<String> found, String field) {
    SchemaRules.pattern(found, field + ".email_hash", emailHash, SHA_256_HEX);
    SchemaRules.pattern(found, field + ".phone_hash", phoneHash, SHA_256_HEX);
  }
}
