package io.scanflow.ingest.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scanflow.contract.UserIdentifiers;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules of {@code user_identifiers}: SHA-256 hex hashes only. A raw e-mail address here, as in
 * any string, is reported by {@link RequestText}.
 */
final class UserIdentifierRules {
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  private UserIdentifierRules() {}

  static UserIdentifiers read(FieldReader event, List<Problem> problems) {
    ObjectNode object = event.object(FieldRule.optional("user_identifiers"));
    if (object == null) {
      return null;
    }
    int before = problems.size();
    Loc loc = event.at("user_identifiers");
    FieldReader fields = new FieldReader(object, loc, problems);
    String emailHash = hash(fields, "email_hash", problems);
    String phoneHash = hash(fields, "phone_hash", problems);
    return problems.size() == before ? new UserIdentifiers(emailHash, phoneHash) : null;
  }

  private static String hash(FieldReader fields, String field, List<Problem> problems) {
    if (fields.has(field)
        && fields.node(field).isTextual()
        && RawEmailDetector.containsEmail(fields.node(field).textValue())) {
      return null; // already reported as a raw e-mail, the more useful message
    }
    String value = fields.string(FieldRule.optional(field));
    if (value != null && !SHA256_HEX.matcher(value).matches()) {
      problems.add(Problem.badHash(fields.at(field)));
      return null;
    }
    return value;
  }
}
