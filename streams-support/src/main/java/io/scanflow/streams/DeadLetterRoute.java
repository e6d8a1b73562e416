package io.scanflow.streams;

/**
 * Where a stage's dead letters go: the DLQ sink node, the stage named in the DLQ headers, and what
 * to count for each.
 */
public record DeadLetterRoute(String deadLetterChild, String stage, Runnable onDeadLetter) {}
