package io.scanflow.reports.sink;

import io.scanflow.reports.store.ReportRow;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A readable input record and the row it becomes; its source is kept for the DLQ. */
public record PolledRecord(ConsumerRecord<String, byte[]> source, ReportRow row) {}
