package io.scanflow.ingest.validation;

import io.scanflow.contract.ConversionValue;
import io.scanflow.contract.StorableNumbers;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;

/**
 * The rules of {@code conversion_value}: {@code amount >= 0} with at most 18 digits before the
 * decimal point and 6 after, and a known ISO 4217 currency.
 */
final class ConversionValueRules {
  private ConversionValueRules() {}

  static ConversionValue read(FieldReader event, List<Problem> problems) {
    return event.nested(
        "conversion_value",
        fields -> {
          BigDecimal amount = fields.decimal(FieldRule.required("amount"));
          if (amount != null && amount.signum() < 0) {
            problems.add(Problem.lessThan(fields.at("amount"), 0));
          } else if (amount != null && !StorableNumbers.isStorableAmount(amount)) {
            problems.add(Problem.amountBounds(fields.at("amount")));
          }
          String currency = fields.string(FieldRule.required("currency"));
          if (currency != null && !isKnownCurrency(currency)) {
            problems.add(Problem.badCurrency(fields.at("currency")));
          }
          return new ConversionValue(amount, currency);
        });
  }

  /** The contract's form of a currency code, and one this runtime knows in ISO 4217. */
  private static boolean isKnownCurrency(String code) {
    if (!ConversionValue.isCurrencyCode(code)) {
      return false;
    }
    try {
      Currency.getInstance(code);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
