package io.scanflow.reports.sink;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes the attributed events, the duplicates, the sites, the API keys and the DLQ (whose
 * metadata the warnings show) in batches. Each batch is written in one transaction; records the
 * database refuses are isolated (see {@link PoisonIsolation}) and, with the unreadable ones, sent
 * to the DLQ and acknowledged by the broker. The batch is acknowledged only when this method
 * returns, i.e. after both; offsets follow (throttled strategy), so a crash in between only
 * redelivers records whose writes are idempotent (or sends a dead letter twice).
 */
@ApplicationScoped
public class ReportsSink {
  private static final Logger LOG = Logger.getLogger(ReportsSink.class);

  private final BatchRetrier retrier;

  public ReportsSink(BatchRetrier retrier) {
    this.retrier = retrier;
  }

  @Incoming("reports-in")
  @Blocking(ordered = true)
  public void consume(ConsumerRecords<String, byte[]> records) {
    AssembledPoll poll = BatchAssembler.assemble(records);
    List<DeadLetter> deadLetters = new ArrayList<>(poll.unreadable());
    deadLetters.addAll(retrier.writeUntilCommitted(poll.readable()));
    List<DeadLetter> toSend = withoutLoops(deadLetters);
    if (!toSend.isEmpty()) {
      retrier.deadLetterUntilAcknowledged(toSend);
    }
  }

  /**
   * A record of the DLQ itself never goes back to it: that could loop for ever. Its metadata rows
   * are made storable before they are written, so this should never drop anything.
   */
  private static List<DeadLetter> withoutLoops(List<DeadLetter> deadLetters) {
    List<DeadLetter> toSend = new ArrayList<>();
    for (DeadLetter letter : deadLetters) {
      if (letter.fromDeadLetterTopic()) {
        LOG.errorf(
            "Could not store dead letter %s in dead_letters (%s: %s); skipped it, since a dead"
                + " letter is never sent to the DLQ again",
            letter.position(), letter.errorClass(), letter.errorMessage());
      } else {
        toSend.add(letter);
      }
    }
    return toSend;
  }
}
