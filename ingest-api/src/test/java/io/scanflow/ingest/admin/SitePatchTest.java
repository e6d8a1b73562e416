package io.scanflow.ingest.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanflow.contract.ContractJson;
import io.scanflow.contract.TrackingSite;
import io.scanflow.ingest.validation.Problem;
import io.scanflow.ingest.validation.Validated;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SitePatchTest {
  private static final TrackingSite SITE =
      new TrackingSite("shop", "Shop", 30, Instant.parse("2026-11-26T08:00:00Z"));

  private static Validated<SitePatch> parse(String json) throws Exception {
    return SitePatch.from(ContractJson.mapper().readTree(json));
  }

  @Test
  void shouldChangeOnlyTheFieldsGiven() throws Exception {
    TrackingSite changed = parse("{\"time_zone\": \"Europe/Berlin\"}").value().applyTo(SITE);

    assertThat(changed)
        .isEqualTo(new TrackingSite("shop", "Shop", 30, SITE.createdAt(), "Europe/Berlin"));
    assertThat(parse("{}").value().applyTo(SITE)).isEqualTo(SITE);
    assertThat(parse("{\"name\": \"Shop 2\", \"time_zone\": null}").value().applyTo(SITE))
        .isEqualTo(new TrackingSite("shop", "Shop 2", 30, SITE.createdAt(), "UTC"));
  }

  @Test
  void shouldRefuseATimeZoneThatIsNotAnIanaRegionId() throws Exception {
    assertThat(parse("{\"time_zone\": \"+02:00\"}").problems())
        .containsExactly(
            new Problem(
                List.of("body", "time_zone"), SiteFields.TIME_ZONE_MSG, "value_error.time_zone"));
    assertThat(parse("{\"time_zone\": 1}").problems())
        .extracting(Problem::type)
        .containsExactly("type_error.str");
    assertThat(parse("[]").problems()).extracting(Problem::type).containsExactly("type_error.dict");
  }
}
