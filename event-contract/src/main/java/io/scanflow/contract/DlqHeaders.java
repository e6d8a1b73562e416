package io.scanflow.contract;

/** Header names on {@code server-events-dlq} records, naming why and where a record failed. */
public final class DlqHeaders {
  public static final String ERROR = "scanflow.dlq.error";
  public static final String ERROR_CLASS = "scanflow.dlq.error.class";
  public static final String SOURCE_TOPIC = "scanflow.dlq.source.topic";
  public static final String SOURCE_PARTITION = "scanflow.dlq.source.partition";
  public static final String SOURCE_OFFSET = "scanflow.dlq.source.offset";
  public static final String STAGE = "scanflow.dlq.stage";

  private DlqHeaders() {}
}
