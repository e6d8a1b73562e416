package io.scanflow.devstack.service;

import io.scanflow.devstack.StackPorts;
import java.util.function.ToIntFunction;

/** The four services of the pipeline, in start order, with what the supervisor needs of each. */
public enum ScanflowService {
  INGEST_API("ingest-api", StackPorts::ingest, null),
  DEDUPE_STREAM("dedupe-stream", StackPorts::dedupe, "scanflow-dedupe-stream"),
  ATTRIBUTION_STREAM("attribution-stream", StackPorts::attribution, "scanflow-attribution-stream"),
  REPORTS_SINK("reports-sink", StackPorts::reports, "scanflow-reports-sink");

  private final String module;
  private final ToIntFunction<StackPorts> port;
  private final String consumerGroup;

  ScanflowService(String module, ToIntFunction<StackPorts> port, String consumerGroup) {
    this.module = module;
    this.port = port;
    this.consumerGroup = consumerGroup;
  }

  /** Maven module, also the process and log name. */
  public String module() {
    return module;
  }

  public int port(StackPorts ports) {
    return port.applyAsInt(ports);
  }

  /** Kafka Streams application id or consumer group; null for ingest-api. */
  public String consumerGroup() {
    return consumerGroup;
  }

  public boolean isStreamsApp() {
    return this == DEDUPE_STREAM || this == ATTRIBUTION_STREAM;
  }

  /** The services a replay stops, resets and starts again. */
  public boolean isDerived() {
    return consumerGroup != null;
  }
}
