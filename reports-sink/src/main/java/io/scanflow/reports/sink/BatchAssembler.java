package io.scanflow.reports.sink;

import io.scanflow.contract.ApiKey;
import io.scanflow.contract.AttributedEvent;
import io.scanflow.contract.AttributionStatus;
import io.scanflow.contract.DuplicateEvent;
import io.scanflow.contract.IngestedEvent;
import io.scanflow.contract.PipelineHeaders;
import io.scanflow.contract.RequestRejection;
import io.scanflow.contract.Topics;
import io.scanflow.contract.TrackingSite;
import io.scanflow.reports.store.ApiKeyChange;
import io.scanflow.reports.store.CountedEvent;
import io.scanflow.reports.store.DuplicateReceipt;
import io.scanflow.reports.store.PendingEvent;
import io.scanflow.reports.store.RejectionRow;
import io.scanflow.reports.store.ReportRow;
import io.scanflow.reports.store.SiteChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Turns the records of one poll (from all the sink's input topics) into report rows, and sets apart
 * the records that cannot be read: retrying those could never succeed and would stop the sink for
 * good, so they go to the DLQ instead (see {@link DeadLetterWriter}).
 */
public final class BatchAssembler {
  // Same deserialisers as the streams, so DLQ error classes and messages read alike.
  private static final Deserializer<AttributedEvent> ATTRIBUTED =
      Topics.SERVER_EVENTS_ATTRIBUTED.valueSerde().deserializer();
  private static final Deserializer<DuplicateEvent> DUPLICATES =
      Topics.SERVER_EVENTS_DUPLICATES.valueSerde().deserializer();
  private static final Deserializer<TrackingSite> SITES =
      Topics.TRACKING_SITES.valueSerde().deserializer();
  private static final Deserializer<ApiKey> KEYS = Topics.API_KEYS.valueSerde().deserializer();
  private static final Deserializer<RequestRejection> REJECTIONS =
      Topics.REQUEST_REJECTIONS.valueSerde().deserializer();

  private BatchAssembler() {}

  /**
   * Assembles the records in poll order. Of several changes to one site or key in a poll only the
   * last is kept (each key then appears once per batch, as an upsert statement requires).
   */
  public static AssembledPoll assemble(Iterable<ConsumerRecord<String, byte[]>> records) {
    Instant now = Instant.now();
    List<PolledRecord> rows = new ArrayList<>();
    Map<String, PolledRecord> sites = new LinkedHashMap<>();
    Map<String, PolledRecord> apiKeys = new LinkedHashMap<>();
    List<DeadLetter> unreadable = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      try {
        PolledRecord polled = new PolledRecord(record, read(record, now));
        if (polled.row() instanceof SiteChange site) {
          sites.put(site.siteId(), polled);
        } else if (polled.row() instanceof ApiKeyChange key) {
          apiKeys.put(key.keyHash(), polled);
        } else {
          rows.add(polled);
        }
      } catch (RuntimeException e) {
        // Our own code failing on one record is that record's failure too.
        unreadable.add(DeadLetter.of(record, e));
      }
    }
    List<PolledRecord> readable = new ArrayList<>(sites.values());
    readable.addAll(apiKeys.values());
    readable.addAll(rows);
    return new AssembledPoll(readable, unreadable);
  }

  private static ReportRow read(ConsumerRecord<String, byte[]> record, Instant now) {
    String topic = record.topic();
    if (topic.equals(Topics.SERVER_EVENTS_ATTRIBUTED.name())) {
      AttributedEvent event = read(record, ATTRIBUTED);
      IngestedEvent.violationsOf(event == null ? null : event.event()).throwIfAny();
      if (event.attribution() == null || event.attribution().status() == null) {
        throw new IllegalArgumentException("attribution missing");
      }
      if (event.attribution().status() == AttributionStatus.PENDING) {
        return new PendingEvent(event, deduplicatedAt(record));
      }
      return new CountedEvent(event, deduplicatedAt(record));
    } else if (topic.equals(Topics.SERVER_EVENTS_DUPLICATES.name())) {
      DuplicateEvent duplicate = read(record, DUPLICATES);
      IngestedEvent.violationsOf(duplicate == null ? null : duplicate.event()).throwIfAny();
      return new DuplicateReceipt(duplicate, deduplicatedAt(record));
    } else if (topic.equals(Topics.TRACKING_SITES.name())) {
      return new SiteChange(requireKey(record), read(record, SITES));
    } else if (topic.equals(Topics.API_KEYS.name())) {
      return new ApiKeyChange(requireKey(record), read(record, KEYS));
    } else if (topic.equals(Topics.SERVER_EVENTS_DLQ.name())) {
      return DeadLetterReader.read(record, now);
    } else if (topic.equals(Topics.REQUEST_REJECTIONS.name())) {
      return RejectionRow.of(record.partition(), record.offset(), read(record, REJECTIONS));
    }
    throw new IllegalArgumentException("not an input topic of the sink");
  }

  private static <T> T read(ConsumerRecord<String, byte[]> record, Deserializer<T> deserializer) {
    return deserializer.deserialize(record.topic(), record.value());
  }

  private static String requireKey(ConsumerRecord<String, byte[]> record) {
    if (record.key() == null || record.key().isBlank()) {
      throw new IllegalArgumentException("record has no key");
    }
    return record.key();
  }

  private static Instant deduplicatedAt(ConsumerRecord<String, byte[]> record) {
    return PipelineHeaders.deduplicatedAt(record.headers()).orElse(null);
  }
}
