package io.scanflow.reports;

import io.scanflow.testsupport.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes rows of the {@code dead_letters} table as the sink stores them from {@code
 * server-events-dlq}, to test the read side (counts and warnings) on its own.
 */
final class DeadLetterRows {
  private static final String INSERT =
      """
      insert into dead_letters (stage, source_topic, source_partition, source_offset, site_id,
        event_id, error_class, error_message, dead_lettered_at)
      values (?, 'server-events-attributed', 0, ?, ?, ?, ?, ?, ?)
      """;

  private DeadLetterRows() {}

  /** One dead letter at a source offset of its own. */
  static void insert(
      PostgresTestDatabase database,
      String stage,
      String siteId,
      String eventId,
      String errorClass,
      String errorMessage,
      Instant at)
      throws Exception {
    try (Connection connection = database.connect();
        PreparedStatement statement = connection.prepareStatement(INSERT)) {
      statement.setString(1, stage);
      statement.setLong(2, ThreadLocalRandom.current().nextLong(Long.MAX_VALUE));
      statement.setString(3, siteId);
      statement.setString(4, eventId);
      statement.setString(5, errorClass);
      statement.setString(6, errorMessage);
      statement.setTimestamp(7, Timestamp.from(at));
      statement.executeUpdate();
    }
  }
}
