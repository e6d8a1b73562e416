package io.scanflow.ingest.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanflow.contract.ContractJson;
import io.scanflow.ingest.validation.Problem;
import io.scanflow.ingest.validation.Validated;
import java.util.List;
import org.junit.jupiter.api.Test;

class SiteRequestTest {

  private static Validated<SiteRequest> parse(String json) throws Exception {
    return SiteRequest.from(ContractJson.mapper().readTree(json));
  }

  @Test
  void shouldDefaultTheAttributionWindowTo30Days() throws Exception {
    SiteRequest request = parse("{\"name\": \"Shop\"}").value();

    assertThat(request.attributionWindowDays()).isEqualTo(30);
    assertThat(request.siteId()).isNull();
    assertThat(request.timeZone()).isEqualTo("UTC");
  }

  @Test
  void shouldTakeAnIanaTimeZoneAndRefuseAFixedOffset() throws Exception {
    assertThat(parse("{\"name\": \"Shop\", \"time_zone\": \"Europe/Berlin\"}").value().timeZone())
        .isEqualTo("Europe/Berlin");
    assertThat(parse("{\"name\": \"Shop\", \"time_zone\": \"UTC+2\"}").problems())
        .extracting(Problem::type)
        .containsExactly("value_error.time_zone");
  }

  @Test
  void shouldRefuseWindowsOutside1To90Days() throws Exception {
    assertThat(parse("{\"name\": \"Shop\", \"attribution_window_days\": 0}").problems())
        .containsExactly(
            new Problem(
                List.of("body", "attribution_window_days"),
                "ensure this value is greater than or equal to 1",
                "value_error.number.not_ge"));
    assertThat(parse("{\"name\": \"Shop\", \"attribution_window_days\": 91}").problems())
        .containsExactly(
            new Problem(
                List.of("body", "attribution_window_days"),
                "ensure this value is less than or equal to 90",
                "value_error.number.not_le"));
    assertThat(parse("{\"name\": \"Shop\", \"attribution_window_days\": 1.5}").problems())
        .extracting(Problem::type)
        .containsExactly("type_error.integer");
  }

  @Test
  void shouldRequireANameAndAUrlSafeSiteId() throws Exception {
    assertThat(parse("{\"site_id\": \"a/b\"}").problems())
        .extracting(Problem::type)
        .containsExactly("value_error.missing", "value_error.str.regex");
  }

  @Test
  void shouldDeriveASiteIdFromTheName() {
    assertThat(SiteIds.fromName("Café Berlin – Mitte!")).matches("cafe-berlin-mitte-[0-9a-z]{6}");
    assertThat(SiteIds.fromName("!!!")).matches("site-[0-9a-z]{6}");
  }
}
