package io.scanflow.reports.sink;

import java.util.List;

/** What one poll turned into: the records for the tables and those that could not be read. */
public record AssembledPoll(List<PolledRecord> readable, List<DeadLetter> unreadable) {
  public AssembledPoll {
    readable = List.copyOf(readable);
    unreadable = List.copyOf(unreadable);
  }
}
