package io.scanflow.reports.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scanflow.reports.ReportsConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class BatchRetrierTest {
  private final FlakyBroker broker = new FlakyBroker();
  private final BatchRetrier retrier = new BatchRetrier(null, broker, config());

  @Test
  void shouldResendOnlyTheUnacknowledgedDeadLettersUntilTheBrokerAcksThemAll() {
    UnreadableRecord first = unreadable(1);
    UnreadableRecord second = unreadable(2);
    broker.acknowledgeOnAttempt(first, 1);
    broker.acknowledgeOnAttempt(second, 3);

    retrier.deadLetterUntilAcknowledged(List.of(first, second));

    assertThat(broker.attempts)
        .containsExactly(List.of(first, second), List.of(second), List.of(second));
  }

  @Test
  void shouldGiveUpWithoutReturningNormallyWhenTheApplicationStops() {
    UnreadableRecord never = unreadable(1);
    broker.acknowledgeOnAttempt(never, Integer.MAX_VALUE);
    retrier.onStop(null);

    assertThatThrownBy(() -> retrier.deadLetterUntilAcknowledged(List.of(never)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("DLQ");
  }

  private static UnreadableRecord unreadable(long offset) {
    return new UnreadableRecord(
        new ConsumerRecord<>("server-events-attributed", 0, offset, "k", new byte[] {'x'}),
        new IllegalArgumentException("broken"));
  }

  /** Acknowledges each record from a given attempt on, as a broker coming back would. */
  private static final class FlakyBroker extends DeadLetterWriter {
    private final List<List<UnreadableRecord>> attempts = new ArrayList<>();
    private final Map<UnreadableRecord, Integer> ackFrom = new HashMap<>();

    FlakyBroker() {
      super("unused:9092");
    }

    void acknowledgeOnAttempt(UnreadableRecord record, int attempt) {
      ackFrom.put(record, attempt);
    }

    @Override
    public void send(List<UnreadableRecord> pending) {
      attempts.add(List.copyOf(pending));
      pending.removeIf(record -> ackFrom.get(record) <= attempts.size());
      if (!pending.isEmpty()) {
        throw new TimeoutException("not acknowledged");
      }
    }
  }

  private static ReportsConfig config() {
    ReportsConfig.Reports reports =
        new ReportsConfig.Reports() {
          @Override
          public Duration retryBackoffMin() {
            return Duration.ofMillis(1);
          }

          @Override
          public Duration retryBackoffMax() {
            return Duration.ofMillis(2);
          }

          @Override
          public Duration latencyWindow() {
            return Duration.ofMinutes(5);
          }

          @Override
          public List<String> pipelineGroups() {
            return List.of();
          }

          @Override
          public ReportsConfig.EmbeddedPostgres embeddedPostgres() {
            return null;
          }
        };
    return new ReportsConfig() {
      @Override
      public String adminToken() {
        return "unused";
      }

      @Override
      public ReportsConfig.Reports reports() {
        return reports;
      }
    };
  }
}
