package io.scanflow.ingest.validation;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.scanflow.contract.StorableNumbers;
import io.scanflow.contract.StorableText;
import java.util.List;

/**
 * One validation problem in the FastAPI / pydantic-v1 shape that client libraries parse. A field
 * name or parser message that echoes the client's text has any U+0000 or unpaired surrogate
 * replaced by U+FFFD, so the problem itself can always be written, logged and stored.
 */
@JsonPropertyOrder({"loc", "msg", "type"})
public record Problem(
    @JsonProperty("loc") List<Object> loc,
    @JsonProperty("msg") String msg,
    @JsonProperty("type") String type) {

  public static final String RAW_EMAIL_MSG =
      "raw email address not allowed; send user_identifiers.email_hash (SHA-256) instead";

  public Problem {
    loc =
        loc.stream()
            .map(part -> part instanceof String name ? StorableText.sanitize(name) : part)
            .toList();
    msg = StorableText.sanitize(msg);
  }

  public Problem(Loc loc, String msg, String type) {
    this(loc.parts(), msg, type);
  }

  public static Problem missing(Loc loc) {
    return new Problem(loc, "field required", "value_error.missing");
  }

  public static Problem notString(Loc loc) {
    return new Problem(loc, "str type expected", "type_error.str");
  }

  public static Problem notObject(Loc loc) {
    return new Problem(loc, "value is not a valid dict", "type_error.dict");
  }

  public static Problem notList(Loc loc) {
    return new Problem(loc, "value is not a valid list", "type_error.list");
  }

  public static Problem notBoolean(Loc loc) {
    return new Problem(loc, "value is not a valid boolean", "type_error.bool");
  }

  public static Problem notDecimal(Loc loc) {
    return new Problem(loc, "value is not a valid decimal", "type_error.decimal");
  }

  public static Problem notInteger(Loc loc) {
    return new Problem(loc, "value is not a valid integer", "type_error.integer");
  }

  public static Problem notUuid(Loc loc) {
    return new Problem(loc, "value is not a valid uuid", "type_error.uuid");
  }

  public static Problem tooLong(Loc loc, int max) {
    return new Problem(
        loc,
        "ensure this value has at most " + max + " characters",
        "value_error.any_str.max_length");
  }

  public static Problem tooShort(Loc loc, int min) {
    return new Problem(
        loc,
        "ensure this value has at least " + min + " characters",
        "value_error.any_str.min_length");
  }

  /** A C0 control character or DEL in an id or a name. */
  public static Problem controlCharacter(Loc loc) {
    return new Problem(loc, "control characters are not allowed", "value_error.control_char");
  }

  /** U+0000 or an unpaired surrogate anywhere in a request: no store downstream can hold it. */
  public static Problem unstorableCharacter(Loc loc) {
    return new Problem(
        loc,
        "NUL characters (U+0000) and unpaired surrogates are not allowed",
        "value_error.unstorable_char");
  }

  public static Problem amountBounds(Loc loc) {
    return new Problem(
        loc,
        "ensure that there are no more than "
            + StorableNumbers.AMOUNT_INTEGER_DIGITS
            + " digits before and "
            + StorableNumbers.AMOUNT_FRACTION_DIGITS
            + " after the decimal point",
        "value_error.decimal.bounds");
  }

  /** A number in {@code properties} too large or too precise to be stored. */
  public static Problem numberBounds(Loc loc) {
    return new Problem(
        loc,
        "number cannot be stored: at most "
            + StorableNumbers.JSON_DIGITS
            + " digits before and "
            + StorableNumbers.JSON_DIGITS
            + " after the decimal point",
        "value_error.number.bounds");
  }

  public static Problem badCurrency(Loc loc) {
    return new Problem(loc, "currency must be a 3-letter ISO 4217 code", "value_error.currency");
  }

  public static Problem lessThan(Loc loc, Object limit) {
    return new Problem(
        loc, "ensure this value is greater than or equal to " + limit, "value_error.number.not_ge");
  }

  public static Problem greaterThan(Loc loc, Object limit) {
    return new Problem(
        loc, "ensure this value is less than or equal to " + limit, "value_error.number.not_le");
  }

  public static Problem propertiesTooLarge(Loc loc, int maxBytes) {
    return new Problem(
        loc,
        "properties exceeds " + (maxBytes / 1024) + " KB (" + maxBytes + " bytes)",
        "value_error.properties.too_large");
  }

  public static Problem rawEmail(Loc loc) {
    return new Problem(loc, RAW_EMAIL_MSG, "value_error.pii.email");
  }

  public static Problem badHash(Loc loc) {
    return new Problem(
        loc, "must be a SHA-256 hex digest (64 lower-case hex characters)", "value_error.hash");
  }

  public static Problem badDatetime(Loc loc) {
    return new Problem(loc, "invalid datetime format", "type_error.datetime");
  }

  public static Problem tooDeep(Loc loc, int maxDepth) {
    return new Problem(loc, "nesting deeper than " + maxDepth + " levels", "value_error.depth");
  }

  public static Problem tooFewItems(Loc loc, int min) {
    return new Problem(
        loc, "ensure this value has at least " + min + " items", "value_error.list.min_items");
  }

  public static Problem tooManyItems(Loc loc, int max) {
    return new Problem(
        loc, "ensure this value has at most " + max + " items", "value_error.list.max_items");
  }
}
