package io.scanflow.attribution;

import io.scanflow.contract.AttributedEvent;
import io.scanflow.contract.ScanSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the scan sessions of its partition in the sessions store and releases, at once, the events
 * that were waiting for a session that just arrived.
 */
final class SessionProcessor implements Processor<String, ScanSession, String, AttributedEvent> {
  private final AttributionMetrics metrics;
  private KeyValueStore<String, ScanSession> sessions;
  private KeyValueStore<String, PendingEvent> pending;
  private Outcomes outcomes;

  SessionProcessor(AttributionMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, AttributedEvent> context) {
    this.sessions = context.getStateStore(AttributionTopology.SESSIONS_STORE);
    this.pending = context.getStateStore(AttributionTopology.PENDING_STORE);
    this.outcomes =
        new Outcomes(
            context,
            new SiteWindows(context.getStateStore(AttributionTopology.SITES_STORE)),
            metrics);
  }

  @Override
  public void process(Record<String, ScanSession> record) {
    metrics.sessionIn();
    ScanSession session = record.value();
    if (session == null) {
      if (record.key() != null) {
        sessions.delete(record.key().toLowerCase(Locale.ROOT));
      }
      return;
    }
    String sessionId = session.scanSessionId().toLowerCase(Locale.ROOT);
    sessions.put(sessionId, session);
    for (KeyValue<String, PendingEvent> waiting : waitingFor(sessionId)) {
      pending.delete(waiting.key);
      outcomes.emit(waiting.value, session);
    }
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
