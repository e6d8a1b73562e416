package io.scanflow.reports.store;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Reading PostgreSQL values into the types of the report model. */
final class Jdbc {
  private Jdbc() {}

  static Instant instant(ResultSet rows, String column) throws SQLException {
    OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  static Money money(ResultSet rows, String amountColumn, String currencyColumn)
      throws SQLException {
    BigDecimal amount = rows.getBigDecimal(amountColumn);
    String currency = rows.getString(currencyColumn);
    return amount == null || currency == null ? null : new Money(currency, amount);
  }

  static AttributionView attribution(ResultSet rows) throws SQLException {
    String status = rows.getString("attribution_status");
    if (status == null) {
      return null;
    }
    return new AttributionView(
        status,
        rows.getString("unattributed_reason"),
        rows.getString("qr_code_id"),
        rows.getString("campaign"),
        instant(rows, "scanned_at"));
  }
}
