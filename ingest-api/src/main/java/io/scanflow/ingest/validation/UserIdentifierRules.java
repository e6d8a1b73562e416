package io.scanflow.ingest.validation;

import io.scanflow.contract.UserIdentifiers;
import java.util.List;

/**
 * The rules of {@code user_identifiers}: SHA-256 hex hashes only ({@link UserIdentifiers#isHash}).
 * A raw e-mail address here, as in any string, is reported by {@link RequestText}.
 */
final class UserIdentifierRules {
  private UserIdentifierRules() {}

  static UserIdentifiers read(FieldReader event, List<Problem> problems) {
    return event.nested(
        "user_identifiers",
        fields ->
            new UserIdentifiers(
                hash(fields, "email_hash", problems), hash(fields, "phone_hash", problems)));
  }

  private static String hash(FieldReader fields, String field, List<Problem> problems) {
    if (fields.has(field)
        && fields.node(field).isTextual()
        && RawEmailDetector.containsEmail(fields.node(field).textValue())) {
      return null; // already reported as a raw e-mail, the more useful message
    }
    String value = fields.string(FieldRule.optional(field));
    if (value != null && !UserIdentifiers.isHash(value)) {
      problems.add(Problem.badHash(fields.at(field)));
      return null;
    }
    return value;
  }
}
