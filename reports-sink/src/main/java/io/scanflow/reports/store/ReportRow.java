package io.scanflow.reports.store;

/**
 * What one input record becomes in the report tables: the unit a {@link ReportBatch} is made of,
 * and so the unit the sink can set apart when the database refuses part of a batch.
 */
public sealed interface ReportRow
    permits CountedEvent,
        PendingEvent,
        DuplicateReceipt,
        SiteChange,
        ApiKeyChange,
        DeadLetterRow,
        RejectionRow {}
