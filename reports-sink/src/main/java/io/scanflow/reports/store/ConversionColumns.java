package io.scanflow.reports.store;

import io.scanflow.contract.ConversionValue;

/**
 * The {@code conversion_amount} and {@code conversion_currency} columns of an event's conversion
 * value, which every table of events (counted, pending, duplicate) stores alike; both null without
 * one.
 */
final class ConversionColumns {
  private ConversionColumns() {}

  static String amount(ConversionValue value) {
    return value == null ? null : NumericText.of(value.amount());
  }

  static String currency(ConversionValue value) {
    return value == null ? null : value.currency();
  }
}
