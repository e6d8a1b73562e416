package io.scanflow.reports.store;

/**
 * The reports API's own connection pool, the named datasource {@code reports}: the sink writes
 * through the default datasource, so that no number of report requests can make it wait for a
 * connection. Both point at the same database unless configured otherwise.
 */
public final class ReadPool {
  public static final String NAME = "reports";

  private ReadPool() {}
}
