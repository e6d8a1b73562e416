package io.scanflow.reports.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scanflow.reports.ReportsConfig;
import io.scanflow.reports.TestConfig;
import io.scanflow.reports.store.SiteChange;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class BatchRetrierTest {
  private final FlakyBroker broker = new FlakyBroker();
  private final SinkHealth health = new SinkHealth(Duration.ZERO);
  private final List<List<PolledRecord>> transactions = new ArrayList<>();
  private int outageTransactions;

  private final BatchRetrier retrier =
      new BatchRetrier(
          records -> {
            transactions.add(List.copyOf(records));
            if (outageTransactions-- > 0) {
              throw new SQLException("Connection refused", "08001");
            }
            if (records.stream().anyMatch(r -> r.source().offset() == 13)) {
              throw new SQLException("unsupported Unicode escape sequence", "22P05");
            }
          },
          broker,
          health,
          config());

  @Test
  void shouldRetryTheWholeBatchThroughAnOutageReportingItThenReturnOnlyTheCulprit() {
    outageTransactions = 2;
    List<PolledRecord> batch = List.of(site(12), site(13), site(14));

    List<DeadLetter> deadLetters = retrier.writeUntilCommitted(batch);

    assertThat(deadLetters).extracting(d -> d.record().offset()).containsExactly(13L);
    assertThat(deadLetters.get(0).errorMessage())
        .isEqualTo("22P05: unsupported Unicode escape sequence");
    assertThat(transactions.subList(0, 3)).containsOnly(batch);
    assertThat(health.stall(Instant.now())).as("progress clears the stall").isEmpty();
  }

  @Test
  void shouldReportTheOutageAsAStallWhileItLasts() {
    outageTransactions = Integer.MAX_VALUE;
    retrier.onStop(null);

    assertThatThrownBy(() -> retrier.writeUntilCommitted(List.of(site(1))))
        .isInstanceOf(IllegalStateException.class);
    assertThat(health.stall(Instant.now()))
        .hasValueSatisfying(
            stall -> assertThat(stall.reason()).isEqualTo("08001: Connection refused"));
  }

  @Test
  void shouldResendOnlyTheUnacknowledgedDeadLettersUntilTheBrokerAcksThemAll() {
    DeadLetter first = deadLetter(1);
    DeadLetter second = deadLetter(2);
    broker.acknowledgeOnAttempt(first, 1);
    broker.acknowledgeOnAttempt(second, 3);

    retrier.deadLetterUntilAcknowledged(List.of(first, second));

    assertThat(broker.attempts)
        .containsExactly(List.of(first, second), List.of(second), List.of(second));
  }

  @Test
  void shouldGiveUpWithoutReturningNormallyWhenTheApplicationStops() {
    DeadLetter never = deadLetter(1);
    broker.acknowledgeOnAttempt(never, Integer.MAX_VALUE);
    retrier.onStop(null);

    assertThatThrownBy(() -> retrier.deadLetterUntilAcknowledged(List.of(never)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("DLQ");
  }

  private static PolledRecord site(long offset) {
    ConsumerRecord<String, byte[]> source =
        new ConsumerRecord<>("tracking-sites", 0, offset, "site-" + offset, new byte[] {'{'});
    return new PolledRecord(source, new SiteChange("site-" + offset, null));
  }

  private static DeadLetter deadLetter(long offset) {
    return DeadLetter.of(
        new ConsumerRecord<>("server-events-attributed", 0, offset, "k", new byte[] {'x'}),
        new IllegalArgumentException("broken"));
  }

  /** Acknowledges each record from a given attempt on, as a broker coming back would. */
  private static final class FlakyBroker extends DeadLetterWriter {
    private final List<List<DeadLetter>> attempts = new ArrayList<>();
    private final Map<DeadLetter, Integer> ackFrom = new HashMap<>();

    FlakyBroker() {
      super(Map.of("bootstrap.servers", "unused:9092"));
    }

    void acknowledgeOnAttempt(DeadLetter record, int attempt) {
      ackFrom.put(record, attempt);
    }

    @Override
    public void send(List<DeadLetter> pending) {
      attempts.add(List.copyOf(pending));
      pending.removeIf(record -> ackFrom.get(record) <= attempts.size());
      if (!pending.isEmpty()) {
        throw new TimeoutException("not acknowledged");
      }
    }
  }

  private static ReportsConfig config() {
    return TestConfig.reportsConfig(
        Map.of(
            "scanflow.reports.retry-backoff-min", "1ms",
            "scanflow.reports.retry-backoff-max", "2ms",
            "scanflow.reports.stall-after", "0s"));
  }
}
