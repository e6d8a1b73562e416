package io.scanflow.reports.store;

import java.time.Instant;

/**
 * One dead letter of a site as the site sees it: when and where it failed, why, and which event it
 * was when its id could be read ({@code eventId} null otherwise). Never the record's content.
 */
public record Warning(
    Instant at, String stage, String errorClass, String errorMessage, String eventId) {}
