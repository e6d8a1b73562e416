package io.scanflow.ingest.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.scanflow.contract.SiteTimeZone;
import io.scanflow.contract.TrackingSite;
import io.scanflow.ingest.validation.FieldReader;
import io.scanflow.ingest.validation.FieldRule;
import io.scanflow.ingest.validation.Loc;
import io.scanflow.ingest.validation.Problem;
import io.scanflow.ingest.validation.Validated;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A valid {@code POST /admin/sites} body. A given site_id must be URL- and key-safe (it appears in
 * paths and in {@code {site_id}/{event_id}} keys); when absent one is derived from the name.
 */
public record SiteRequest(String name, String siteId, int attributionWindowDays, String timeZone) {
  static final String SITE_ID_REGEX = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$";
  private static final Pattern SITE_ID = Pattern.compile(SITE_ID_REGEX);
  private static final FieldRule SITE_ID_FIELD = FieldRule.optional("site_id").length(1, 64);

  public static Validated<SiteRequest> from(JsonNode body) {
    Loc loc = Loc.body();
    List<Problem> problems = new ArrayList<>();
    if (!body.isObject()) {
      return Validated.invalid(List.of(Problem.notObject(loc)));
    }
    FieldReader fields = new FieldReader(body, loc, problems);
    String name = fields.string(SiteFields.NAME.asRequired());
    String siteId = fields.string(SITE_ID_FIELD);
    if (siteId != null && !SITE_ID.matcher(siteId).matches()) {
      problems.add(
          new Problem(
              fields.at("site_id"),
              "string does not match regex \"" + SITE_ID_REGEX + "\"",
              "value_error.str.regex"));
    }
    Integer window = fields.integer(SiteFields.ATTRIBUTION_WINDOW_DAYS);
    String timeZone = SiteFields.timeZone(fields, problems);
    if (!problems.isEmpty()) {
      return Validated.invalid(problems);
    }
    return Validated.valid(
        new SiteRequest(
            name,
            siteId,
            window == null ? TrackingSite.DEFAULT_ATTRIBUTION_WINDOW_DAYS : window,
            timeZone == null ? SiteTimeZone.DEFAULT : timeZone));
  }
}
