package io.scanflow.attribution;

import io.scanflow.contract.ScanSession;
import io.scanflow.contract.SessionKey;
import io.scanflow.streams.DeadLetterRoute;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the scan sessions of its partition in the sessions store and releases, at once, the events
 * that were waiting for a session that just arrived. Storing the session is the only step that can
 * fail for the session's sake, and it comes first; a waiting event whose output cannot be written
 * is dead-lettered on its own.
 *
 * <p>A session belongs to its first registration (pipeline.md section 3): the store keeps the first
 * record of each session id, whole. A later one of the same site (a retry of the QR redirect
 * service, which may carry another {@code scanned_at}) is ignored; one of another site is refused
 * to the DLQ. Keeping the first whole means events already attributed and those still to come see
 * the same scan, and the outcome depends only on the order of {@code scan-sessions}, which a replay
 * reads again in the same order.
 */
final class SessionProcessor implements Processor<String, ScanSession, byte[], byte[]> {
  private final AttributionMetrics metrics;
  private final DeadLetterRoute deadLetterRoute;
  private KeyValueStore<String, ScanSession> sessions;
  private KeyValueStore<String, PendingEvent> pending;
  private Outcomes outcomes;

  SessionProcessor(AttributionMetrics metrics, DeadLetterRoute deadLetterRoute) {
    this.metrics = metrics;
    this.deadLetterRoute = deadLetterRoute;
  }

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.sessions = context.getStateStore(AttributionTopology.SESSIONS_STORE);
    this.pending = context.getStateStore(AttributionTopology.PENDING_STORE);
    this.outcomes = new Outcomes(context, metrics, deadLetterRoute);
  }

  @Override
  public void process(Record<String, ScanSession> record) {
    metrics.sessionIn();
    ScanSession session = record.value();
    if (session == null) {
      // Only an operator writes a tombstone (ingest-api never does), to erase a session: its owner
      // is forgotten with it, and the next registration of the id is a first one again.
      if (record.key() != null) {
        sessions.delete(SessionKey.of(record.key()));
      }
      return;
    }
    String sessionId = session.sessionKey();
    ScanSession first = sessions.get(sessionId);
    if (first != null) {
      keepFirst(first, session);
      return;
    }
    sessions.put(sessionId, session);
    metrics.sessionRegistration("stored");
    for (KeyValue<String, PendingEvent> waiting : waitingFor(sessionId)) {
      pending.delete(waiting.key);
      outcomes.release(waiting.value, session);
    }
  }

  /** Nothing waits for a stored session (events find it), so ignoring the later one is all. */
  private void keepFirst(ScanSession first, ScanSession later) {
    if (!first.siteId().equals(later.siteId())) {
      metrics.sessionRegistration("refused");
      throw new SessionOwnedByOtherSiteException(later.scanSessionId());
    }
    metrics.sessionRegistration("repeated");
  }

  private List<KeyValue<String, PendingEvent>> waitingFor(String sessionId) {
    List<KeyValue<String, PendingEvent>> found = new ArrayList<>();
    try (KeyValueIterator<String, PendingEvent> matches =
        pending.prefixScan(PendingKeys.prefixOf(sessionId), new StringSerializer())) {
      matches.forEachRemaining(found::add);
    }
    return found;
  }
}
