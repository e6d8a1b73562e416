package io.scanflow.reports.sink;

import io.scanflow.reports.store.ReportBatch;
import java.util.List;

/** What one poll turned into: the batch for the tables and the records for the DLQ. */
public record AssembledPoll(ReportBatch batch, List<UnreadableRecord> unreadable) {
  public AssembledPoll {
    unreadable = List.copyOf(unreadable);
  }
}
