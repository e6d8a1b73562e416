package io.scanflow.reports.api;

import io.scanflow.reports.auth.AdminOnly;
import io.scanflow.reports.auth.SiteReport;
import io.scanflow.reports.store.EventTrace;
import io.scanflow.reports.store.Receipt;
import io.scanflow.reports.store.ReceiptQueries;
import io.scanflow.reports.store.RejectionQueries;
import io.scanflow.reports.store.SiteDirectory;
import io.scanflow.reports.store.SiteRejections;
import io.scanflow.reports.store.SiteSummary;
import io.scanflow.reports.store.SiteView;
import io.scanflow.reports.store.SiteWarnings;
import io.scanflow.reports.store.SummaryQueries;
import io.scanflow.reports.store.WarningQueries;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.List;

/**
 * The reports of tracking sites (pipeline.md §4). Access is decided before a method runs, by its
 * annotation ({@code auth.AccessFilter}).
 */
@Path("/api/sites")
@Produces(MediaType.APPLICATION_JSON)
public class SitesResource {
  static final int MAX_LIMIT = 500;

  /** How many entries a per-site list returns when the caller does not say. */
  static final String DEFAULT_LIMIT = "50";

  private final SiteDirectory directory;
  private final SummaryQueries summaries;
  private final ReceiptQueries receipts;
  private final WarningQueries warnings;
  private final RejectionQueries rejections;

  public SitesResource(
      SiteDirectory directory,
      SummaryQueries summaries,
      ReceiptQueries receipts,
      WarningQueries warnings,
      RejectionQueries rejections) {
    this.directory = directory;
    this.summaries = summaries;
    this.receipts = receipts;
    this.warnings = warnings;
    this.rejections = rejections;
  }

  @GET
  @AdminOnly
  public List<SiteView> sites() throws SQLException {
    return directory.sites();
  }

  @GET
  @SiteReport
  @Path("/{siteId}/summary")
  public SiteSummary summary(
      @PathParam(SiteReport.PATH_PARAM) String siteId,
      @QueryParam("from") String from,
      @QueryParam("to") String to)
      throws SQLException {
    ZoneId zone = directory.zoneOf(siteId);
    DayRange range = DayRange.parse(from, to, zone);
    requireKnown(siteId);
    return summaries.summary(siteId, zone, range.from(), range.to());
  }

  @GET
  @SiteReport
  @Path("/{siteId}/events")
  public List<Receipt> events(
      @PathParam(SiteReport.PATH_PARAM) String siteId,
      @QueryParam("limit") @DefaultValue(DEFAULT_LIMIT) String limit)
      throws SQLException {
    int parsed = knownSiteLimit(siteId, limit);
    return receipts.newest(siteId, parsed);
  }

  @GET
  @SiteReport
  @Path("/{siteId}/events/{eventId}")
  public EventTrace trace(
      @PathParam(SiteReport.PATH_PARAM) String siteId, @PathParam("eventId") String eventId)
      throws SQLException {
    return receipts
        .trace(siteId, eventId)
        .orElseThrow(() -> ApiProblem.notFound("Event not (yet) in the reports"));
  }

  /** The site's dead letters: why an event it sent may never reach its reports. */
  @GET
  @SiteReport
  @Path("/{siteId}/warnings")
  public SiteWarnings warnings(
      @PathParam(SiteReport.PATH_PARAM) String siteId,
      @QueryParam("limit") @DefaultValue(DEFAULT_LIMIT) String limit)
      throws SQLException {
    int parsed = knownSiteLimit(siteId, limit);
    return warnings.siteWarnings(siteId, parsed);
  }

  /** What ingest-api refused to the site's keys: the rejection log (http-api.md §10). */
  @GET
  @SiteReport
  @Path("/{siteId}/rejections")
  public SiteRejections rejections(
      @PathParam(SiteReport.PATH_PARAM) String siteId,
      @QueryParam("limit") @DefaultValue(DEFAULT_LIMIT) String limit)
      throws SQLException {
    int parsed = knownSiteLimit(siteId, limit);
    return rejections.siteRejections(siteId, parsed);
  }

  /**
   * The checks every per-site list makes, in the order that keeps other sites' existence secret:
   * the caller may read the site (401/403, decided by {@link SiteReport} before the method runs),
   * the limit is valid (400), the site exists (404).
   */
  private int knownSiteLimit(String siteId, String limit) throws SQLException {
    int parsed = parseLimit(limit);
    requireKnown(siteId);
    return parsed;
  }

  private void requireKnown(String siteId) throws SQLException {
    if (!directory.exists(siteId)) {
      throw ApiProblem.notFound("Unknown site");
    }
  }

  private static int parseLimit(String limit) {
    try {
      int value = Integer.parseInt(limit.trim());
      if (value >= 1 && value <= MAX_LIMIT) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiProblem.badRequest("limit must be a whole number from 1 to " + MAX_LIMIT);
  }
}
