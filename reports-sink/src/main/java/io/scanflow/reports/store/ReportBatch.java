package io.scanflow.reports.store;

import io.scanflow.contract.ApiKey;
import io.scanflow.contract.TrackingSite;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one poll of the sink brought, ready to be written in one transaction. Sites and keys hold
 * the last value per key in the batch; an empty value is a tombstone (deleted).
 */
public record ReportBatch(
    List<CountedEvent> events,
    List<DuplicateReceipt> duplicates,
    Map<String, Optional<TrackingSite>> sites,
    Map<String, Optional<ApiKey>> apiKeys) {

  public ReportBatch {
    events = List.copyOf(events);
    duplicates = List.copyOf(duplicates);
    sites = Map.copyOf(sites);
    apiKeys = Map.copyOf(apiKeys);
  }

  public boolean isEmpty() {
    return events.isEmpty() && duplicates.isEmpty() && sites.isEmpty() && apiKeys.isEmpty();
  }

  public int size() {
    return events.size() + duplicates.size() + sites.size() + apiKeys.size();
  }
}
