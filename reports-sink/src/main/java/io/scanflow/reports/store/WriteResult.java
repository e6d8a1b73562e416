package io.scanflow.reports.store;

/** How many rows a batch actually added (redelivered records add none). */
public record WriteResult(int eventsInserted, int duplicatesInserted) {}
