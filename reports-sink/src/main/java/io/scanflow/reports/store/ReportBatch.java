package io.scanflow.reports.store;

import io.scanflow.contract.ApiKey;
import io.scanflow.contract.TrackingSite;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rows to be written in one transaction. Sites and keys hold the last value per key; an empty value
 * is a tombstone (deleted). Every event in it keeps the contract's rules ({@code
 * IngestedEvent.violations()}, checked by the sink's {@code BatchAssembler}): {@code event_time}
 * and the other required fields are present.
 */
public record ReportBatch(
    List<CountedEvent> events,
    List<PendingEvent> pending,
    List<DuplicateReceipt> duplicates,
    Map<String, Optional<TrackingSite>> sites,
    Map<String, Optional<ApiKey>> apiKeys,
    List<DeadLetterRow> deadLetters,
    List<RejectionRow> rejections) {

  public ReportBatch {
    events = List.copyOf(events);
    pending = List.copyOf(pending);
    duplicates = List.copyOf(duplicates);
    sites = Map.copyOf(sites);
    apiKeys = Map.copyOf(apiKeys);
    deadLetters = List.copyOf(deadLetters);
    rejections = List.copyOf(rejections);
  }

  /** The batch of these rows, in their order (a later change of the same site or key wins). */
  public static ReportBatch of(List<? extends ReportRow> rows) {
    List<CountedEvent> events = new ArrayList<>();
    List<PendingEvent> pending = new ArrayList<>();
    List<DuplicateReceipt> duplicates = new ArrayList<>();
    Map<String, Optional<TrackingSite>> sites = new HashMap<>();
    Map<String, Optional<ApiKey>> apiKeys = new HashMap<>();
    List<DeadLetterRow> deadLetters = new ArrayList<>();
    List<RejectionRow> rejections = new ArrayList<>();
    for (ReportRow row : rows) {
      if (row instanceof CountedEvent event) {
        events.add(event);
      } else if (row instanceof PendingEvent waiting) {
        pending.add(waiting);
      } else if (row instanceof DuplicateReceipt duplicate) {
        duplicates.add(duplicate);
      } else if (row instanceof SiteChange change) {
        sites.put(change.siteId(), Optional.ofNullable(change.site()));
      } else if (row instanceof ApiKeyChange change) {
        apiKeys.put(change.keyHash(), Optional.ofNullable(change.key()));
      } else if (row instanceof DeadLetterRow deadLetter) {
        deadLetters.add(deadLetter);
      } else if (row instanceof RejectionRow rejection) {
        rejections.add(rejection);
      }
    }
    return new ReportBatch(events, pending, duplicates, sites, apiKeys, deadLetters, rejections);
  }

  /** The sites the batch's events and duplicates belong to. */
  public Set<String> siteIdsOfEvents() {
    Set<String> siteIds = new HashSet<>();
    events.forEach(counted -> siteIds.add(counted.event().event().siteId()));
    duplicates.forEach(receipt -> siteIds.add(receipt.event().event().siteId()));
    return siteIds;
  }

  public boolean isEmpty() {
    return size() == 0;
  }

  public int size() {
    return events.size()
        + pending.size()
        + duplicates.size()
        + sites.size()
        + apiKeys.size()
        + deadLetters.size()
        + rejections.size();
  }
}
