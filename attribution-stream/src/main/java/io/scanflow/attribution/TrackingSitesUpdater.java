package io.scanflow.attribution;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Copies {@code tracking-sites} into the global sites store byte for byte, exactly as a restore
 * would, so a site that cannot be read never stops the global thread (it gets the default window).
 */
final class TrackingSitesUpdater implements Processor<String, byte[], Void, Void> {
  private KeyValueStore<String, byte[]> sites;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    sites = context.getStateStore(AttributionTopology.SITES_STORE);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    if (record.key() == null) {
      return;
    }
    if (record.value() == null) {
      sites.delete(record.key());
    } else {
      sites.put(record.key(), record.value());
    }
  }
}
