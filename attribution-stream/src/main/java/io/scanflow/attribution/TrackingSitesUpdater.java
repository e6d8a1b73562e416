package io.scanflow.attribution;

import io.scanflow.streams.RecordFailures;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies {@code tracking-sites} into the global sites store byte for byte, exactly as a restore
 * would, so a site that cannot be read never stops the global thread (it gets the default window).
 *
 * <p>This runs on the global thread, which Kafka Streams can neither replace nor give a
 * transaction, and whose processor can forward nothing: an odd site record cannot be dead-lettered
 * here. It is logged at WARN and counted ({@code scanflow.attribution.unreadable.sites}) instead,
 * and any record failure is caught so that one record never shuts the app down.
 */
final class TrackingSitesUpdater implements Processor<String, byte[], Void, Void> {
  private static final Logger LOG = LoggerFactory.getLogger(TrackingSitesUpdater.class);

  private final AttributionMetrics metrics;
  private KeyValueStore<String, byte[]> sites;

  TrackingSitesUpdater(AttributionMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    sites = context.getStateStore(AttributionTopology.SITES_STORE);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    try {
      update(record);
    } catch (RuntimeException e) {
      if (!RecordFailures.isRecordFailure(e)) {
        throw e;
      }
      odd(record, "could not be stored (" + e + "); skipped");
    }
  }

  private void update(Record<String, byte[]> record) {
    if (record.key() == null) {
      odd(record, "no key; skipped");
      return;
    }
    if (record.value() == null) {
      sites.delete(record.key());
      return;
    }
    if (SiteWindows.windowDaysOf(record.value()).isEmpty()) {
      odd(
          record,
          "unreadable or no positive attribution_window_days; its events get the default window");
    }
    sites.put(record.key(), record.value());
  }

  private void odd(Record<String, byte[]> record, String why) {
    metrics.unreadableSite();
    LOG.warn("Tracking site {}: {}", record.key(), why);
  }
}
