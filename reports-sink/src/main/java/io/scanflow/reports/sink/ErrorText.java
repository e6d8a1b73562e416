package io.scanflow.reports.sink;

import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * A failure described in one line for DLQ headers, log lines and the readiness check. For a
 * PostgreSQL error it is the SQLSTATE and the primary message only: the server's detail and context
 * lines can quote the value that was refused (a property, an id), which must not leak.
 */
final class ErrorText {
  private static final int MAX_LENGTH = 500;

  private ErrorText() {}

  static String of(Throwable failure) {
    String text;
    ServerErrorMessage server =
        failure instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
    if (server != null && server.getMessage() != null) {
      text = server.getSQLState() + ": " + withoutQuotedInput(server.getMessage());
    } else if (failure instanceof SQLException sql && sql.getSQLState() != null) {
      text = sql.getSQLState() + ": " + sql.getMessage();
    } else {
      text = failure.getMessage();
    }
    if (text == null || text.isBlank()) {
      text = failure.getClass().getSimpleName();
    }
    return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH);
  }

  /**
   * PostgreSQL quotes refused input at the end of some primary messages ({@code invalid input
   * syntax for type numeric: "1E+200000"}); that input may be a property value.
   */
  private static String withoutQuotedInput(String message) {
    int quoted = message.indexOf(": \"");
    return quoted < 0 ? message : message.substring(0, quoted);
  }
}
