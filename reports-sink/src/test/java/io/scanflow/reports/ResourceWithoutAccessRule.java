package io.scanflow.reports;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/**
 * A resource someone forgot to give an access rule, served only in tests: the access filter must
 * refuse to run it ({@link ReportsAuthIT}).
 */
@Path("/test-only/without-access-rule")
public class ResourceWithoutAccessRule {
  static final String PATH = "/test-only/without-access-rule";

  @GET
  public String open() {
    return "open to all";
  }
}
