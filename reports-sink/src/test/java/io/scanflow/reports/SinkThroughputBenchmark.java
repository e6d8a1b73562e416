package io.scanflow.reports;

import static io.scanflow.reports.TestEvents.anEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scanflow.contract.AttributedEvent;
import io.scanflow.contract.UnattributedReason;
import io.scanflow.testsupport.InjectKafka;
import io.scanflow.testsupport.InjectPostgres;
import io.scanflow.testsupport.KafkaTestCluster;
import io.scanflow.testsupport.KafkaTestResource;
import io.scanflow.testsupport.PostgresTestDatabase;
import io.scanflow.testsupport.PostgresTestResource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Measures how many event rows per second the sink stores on this machine. Not part of {@code
 * verify} (its name matches neither *Test nor *IT); run it with {@code ./mvnw -o -pl reports-sink
 * verify -Dit.test=SinkThroughputBenchmark -Dbenchmark.events=20000}.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class SinkThroughputBenchmark {
  @InjectKafka KafkaTestCluster kafka;
  @InjectPostgres PostgresTestDatabase database;

  @Test
  void shouldMeasureStoredRowsPerSecond() throws Exception {
    int count = Integer.getInteger("benchmark.events", 20_000);
    String site = "bench-" + UUID.randomUUID();
    String[] names = {"purchase", "signup", "add_to_cart", "page_view"};
    List<AttributedEvent> events =
        IntStream.range(0, count)
            .mapToObj(
                i -> {
                  TestEvents.EventBuilder event =
                      anEvent(site).named(names[i % names.length]).withValue("9.99", "EUR");
                  return i % 5 == 0
                      ? event.unattributed(UnattributedReason.SESSION_NOT_FOUND).build()
                      : event.attributedTo("qr-" + (i % 20)).build();
                })
            .toList();

    // Build a backlog while the database is away, so that the sink alone sets the pace.
    database.stopServer();
    long publishStart = System.nanoTime();
    try (TopicPublisher publisher = new TopicPublisher(kafka)) {
      publisher.attributed(events);
    }
    long published = System.nanoTime();
    database.startServer();
    long start = System.nanoTime();
    await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> stored(site) == count);
    long done = System.nanoTime();

    double seconds = (done - start) / 1e9;
    double storing = storingSeconds(site);
    System.out.printf(
        "%nBENCHMARK sink: %d events published in %.2f s; from database start to last row stored"
            + " %.2f s -> %.0f rows/s (includes up to one retry backoff); first to last stored_at"
            + " %.2f s -> %.0f rows/s%n%n",
        count,
        (published - publishStart) / 1e9,
        seconds,
        count / seconds,
        storing,
        count / storing);
    assertThat(stored(site)).isEqualTo(count);
  }

  private double storingSeconds(String site) throws Exception {
    try (Connection connection = database.connect();
        var statement =
            connection.prepareStatement(
                "select extract(epoch from max(stored_at) - min(stored_at)) from event_log"
                    + " where site_id = ?")) {
      statement.setString(1, site);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getDouble(1);
      }
    }
  }

  private long stored(String site) throws Exception {
    try (Connection connection = database.connect();
        var statement =
            connection.prepareStatement("select count(*) from event_log where site_id = ?")) {
      statement.setString(1, site);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }
}
