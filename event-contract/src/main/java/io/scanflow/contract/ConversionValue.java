package io.scanflow.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Money: an exact decimal amount in an upper-case ISO 4217 currency; the value of a conversion on
 * the topics, and the sums per currency in the reports.
 */
public record ConversionValue(
    @JsonProperty("amount") BigDecimal amount, @JsonProperty("currency") String currency) {
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  /** Whether {@code code} has the schema's form of a currency: three upper-case letters. */
  public static boolean isCurrencyCode(String code) {
    return CURRENCY.matcher(code).matches();
  }

  /** Adds what this value breaks of its schema (named {@code field} there) to {@code found}. */
  void addViolations(List<String> found, String field) {
    if (SchemaRules.present(found, field + ".amount", amount) && amount.signum() < 0) {
      found.add(field + ".amount must not be negative");
    }
    if (SchemaRules.present(found, field + ".currency", currency)) {
      SchemaRules.pattern(found, field + ".currency", currency, CURRENCY);
    }
  }
}
