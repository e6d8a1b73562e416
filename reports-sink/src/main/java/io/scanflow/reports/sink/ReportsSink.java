package io.scanflow.reports.sink;

import io.scanflow.reports.store.ReportBatch;
import io.scanflow.reports.store.WriteResult;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes the attributed events, the duplicates, the sites and the API keys in batches and writes
 * each batch in one transaction. Unreadable records go to the DLQ first, acknowledged by the
 * broker. The batch is acknowledged only when this method returns, i.e. after both; offsets follow
 * (throttled strategy), so a crash in between only redelivers records whose writes are idempotent
 * (or sends a dead letter twice).
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
    if (!poll.unreadable().isEmpty()) {
      retrier.deadLetterUntilAcknowledged(poll.unreadable());
    }
    ReportBatch batch = poll.batch();
    if (batch.isEmpty()) {
      return;
    }
    WriteResult result = retrier.writeUntilCommitted(batch);
    LOG.debugf(
        "Stored %d of %d events and %d of %d duplicates",
        result.eventsInserted(),
        batch.events().size(),
        result.duplicatesInserted(),
        batch.duplicates().size());
  }
}
