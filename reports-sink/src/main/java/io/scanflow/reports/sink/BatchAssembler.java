package io.scanflow.reports.sink;

import io.scanflow.contract.ApiKey;
import io.scanflow.contract.AttributedEvent;
import io.scanflow.contract.DuplicateEvent;
import io.scanflow.contract.IngestedEvent;
import io.scanflow.contract.PipelineHeaders;
import io.scanflow.contract.Topics;
import io.scanflow.contract.TrackingSite;
import io.scanflow.reports.store.CountedEvent;
import io.scanflow.reports.store.DuplicateReceipt;
import io.scanflow.reports.store.ReportBatch;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Turns the records of one poll (from all four input topics) into a {@link ReportBatch} and the
 * list of records that cannot be read: retrying those could never succeed and would stop the sink
 * for good, so they go to the DLQ instead (see {@link DeadLetterWriter}).
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

  private final List<CountedEvent> events = new ArrayList<>();
  private final List<DuplicateReceipt> duplicates = new ArrayList<>();
  // Insertion-ordered and overwritten per key: the last record of a key in the poll wins.
  private final Map<String, Optional<TrackingSite>> sites = new LinkedHashMap<>();
  private final Map<String, Optional<ApiKey>> apiKeys = new LinkedHashMap<>();

  /** Assembles a batch from records in poll order, setting the unreadable ones apart. */
  public static AssembledPoll assemble(Iterable<ConsumerRecord<String, byte[]>> records) {
    BatchAssembler assembler = new BatchAssembler();
    List<UnreadableRecord> unreadable = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      try {
        assembler.add(record);
      } catch (SerializationException | IllegalArgumentException e) {
        unreadable.add(new UnreadableRecord(record, e));
      }
    }
    ReportBatch batch =
        new ReportBatch(assembler.events, assembler.duplicates, assembler.sites, assembler.apiKeys);
    return new AssembledPoll(batch, unreadable);
  }

  private void add(ConsumerRecord<String, byte[]> record) {
    String topic = record.topic();
    if (topic.equals(Topics.SERVER_EVENTS_ATTRIBUTED.name())) {
      AttributedEvent event = read(record, ATTRIBUTED);
      requireEvent(event == null ? null : event.event());
      if (event.attribution() == null || event.attribution().status() == null) {
        throw new IllegalArgumentException("attribution missing");
      }
      events.add(new CountedEvent(event, deduplicatedAt(record)));
    } else if (topic.equals(Topics.SERVER_EVENTS_DUPLICATES.name())) {
      DuplicateEvent duplicate = read(record, DUPLICATES);
      requireEvent(duplicate == null ? null : duplicate.event());
      duplicates.add(new DuplicateReceipt(duplicate, deduplicatedAt(record)));
    } else if (topic.equals(Topics.TRACKING_SITES.name())) {
      sites.put(requireKey(record), Optional.ofNullable(read(record, SITES)));
    } else if (topic.equals(Topics.API_KEYS.name())) {
      apiKeys.put(requireKey(record), Optional.ofNullable(read(record, KEYS)));
    } else {
      throw new IllegalArgumentException("not an input topic of the sink");
    }
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

  /** The fields the tables cannot do without; everything else may be absent. */
  private static void requireEvent(IngestedEvent event) {
    if (event == null
        || blank(event.siteId())
        || blank(event.eventId())
        || blank(event.eventName())
        || event.ingestId() == null
        || event.receivedAt() == null) {
      throw new IllegalArgumentException(
          "event lacks site_id, event_id, event_name, ingest_id or received_at");
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  private static Instant deduplicatedAt(ConsumerRecord<String, byte[]> record) {
    Header header = record.headers().lastHeader(PipelineHeaders.DEDUPLICATED_AT);
    if (header == null || header.value() == null) {
      return null;
    }
    try {
      return Instant.parse(new String(header.value(), StandardCharsets.UTF_8));
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
