package io.scanflow.ingest.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.scanflow.contract.TrackingSite;
import io.scanflow.ingest.validation.FieldReader;
import io.scanflow.ingest.validation.Loc;
import io.scanflow.ingest.validation.Problem;
import io.scanflow.ingest.validation.Validated;
import java.util.ArrayList;
import java.util.List;

/**
 * A valid {@code PATCH /admin/sites/{site_id}} body: each field present is changed, each field
 * absent (or null) is kept. The site_id and created_at never change.
 */
public record SitePatch(String name, Integer attributionWindowDays, String timeZone) {

  public static Validated<SitePatch> from(JsonNode body) {
    Loc loc = Loc.body();
    if (!body.isObject()) {
      return Validated.invalid(List.of(Problem.notObject(loc)));
    }
    List<Problem> problems = new ArrayList<>();
    FieldReader fields = new FieldReader(body, loc, problems);
    String name = fields.string(SiteFields.NAME);
    Integer window = fields.integer(SiteFields.ATTRIBUTION_WINDOW_DAYS);
    String timeZone = SiteFields.timeZone(fields, problems);
    return problems.isEmpty()
        ? Validated.valid(new SitePatch(name, window, timeZone))
        : Validated.invalid(problems);
  }

  /** The site with this patch applied. */
  public TrackingSite applyTo(TrackingSite site) {
    return new TrackingSite(
        site.siteId(),
        name != null ? name : site.name(),
        attributionWindowDays != null ? attributionWindowDays : site.attributionWindowDays(),
        site.createdAt(),
        timeZone != null ? timeZone : site.timeZone());
  }
}
