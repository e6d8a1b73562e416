package io.scanflow.streams;

/**
 * Where {@link ContractRecordReader} sends records: the processor for readable ones, the DLQ sink
 * for the rest, the stage named in the DLQ headers, and what to count when a record is dropped.
 */
public record DeadLetterRoute(
    String validChild, String deadLetterChild, String stage, Runnable onDeadLetter) {}
