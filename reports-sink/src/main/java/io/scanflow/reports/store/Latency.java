package io.scanflow.reports.store;

/**
 * End-to-end latency (stored_at − received_at) of the events stored in a recent window, in
 * milliseconds; percentiles are null when no event was stored in the window.
 */
public record Latency(long windowSeconds, long events, Long p50Ms, Long p99Ms) {}
