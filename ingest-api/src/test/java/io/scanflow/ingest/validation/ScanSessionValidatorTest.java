package io.scanflow.ingest.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanflow.contract.ContractJson;
import io.scanflow.contract.ScanSession;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ScanSessionValidatorTest {
  private static final Instant NOW = Instant.parse("2026-11-26T08:15:30.123Z");
  private final ScanSessionValidator validator =
      new ScanSessionValidator(new EventTimeRange(Duration.ofMinutes(5), Duration.ofDays(7)));

  private Validated<ScanSession> validate(String json) throws Exception {
    return validator.validate(ContractJson.mapper().readTree(json), NOW);
  }

  @Test
  void shouldGenerateSessionIdAndScanTimeWhenAbsent() throws Exception {
    ScanSession session = validate("{\"site_id\": \"s\", \"qr_code_id\": \"q\"}").value();

    assertThat(UUID.fromString(session.scanSessionId()).toString())
        .isEqualTo(session.scanSessionId());
    assertThat(session.scannedAt()).isEqualTo(NOW);
    assertThat(session.campaign()).isNull();
  }

  @Test
  void shouldNormaliseAGivenSessionId() throws Exception {
    ScanSession session =
        validate(
                "{\"scan_session_id\": \"6F1C2A4E-8A57-4C1E-9D1A-3B2F1E0C9A77\", \"site_id\": \"s\","
                    + " \"qr_code_id\": \"q\", \"scanned_at\": \"2026-11-26T08:01:02Z\","
                    + " \"campaign\": \"winter\"}")
            .value();

    assertThat(session.scanSessionId()).isEqualTo("6f1c2a4e-8a57-4c1e-9d1a-3b2f1e0c9a77");
    assertThat(session.scannedAt()).isEqualTo(Instant.parse("2026-11-26T08:01:02Z"));
    assertThat(session.campaign()).isEqualTo("winter");
  }

  @Test
  void shouldListEveryProblem() throws Exception {
    List<Problem> problems =
        validate(
                "{\"scan_session_id\": 5, \"qr_code_id\": \"\", \"scanned_at\": \"soon\","
                    + " \"campaign\": \""
                    + "c".repeat(129)
                    + "\"}")
            .problems();

    assertThat(problems)
        .extracting(Problem::loc, Problem::type)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                List.of("body", "scan_session_id"), "type_error.uuid"),
            org.assertj.core.groups.Tuple.tuple(List.of("body", "site_id"), "value_error.missing"),
            org.assertj.core.groups.Tuple.tuple(
                List.of("body", "qr_code_id"), "value_error.any_str.min_length"),
            org.assertj.core.groups.Tuple.tuple(
                List.of("body", "scanned_at"), "type_error.datetime"),
            org.assertj.core.groups.Tuple.tuple(
                List.of("body", "campaign"), "value_error.any_str.max_length"));
  }

  @Test
  void shouldRefuseControlCharactersInIdsAndTheCampaign() throws Exception {
    List<Problem> problems =
        validate(
                "{\"site_id\": \"s\\u0000\", \"qr_code_id\": \"poster\\n42\","
                    + " \"campaign\": \"winter\\u007f\"}")
            .problems();

    assertThat(problems)
        .containsExactly(
            new Problem(
                List.of("body", "site_id"),
                "control characters are not allowed",
                "value_error.control_char"),
            new Problem(
                List.of("body", "qr_code_id"),
                "control characters are not allowed",
                "value_error.control_char"),
            new Problem(
                List.of("body", "campaign"),
                "control characters are not allowed",
                "value_error.control_char"));
  }

  @Test
  void shouldRefuseNulAndUnpairedSurrogatesAnywhereInTheBody() throws Exception {
    List<Problem> problems =
        validate(
                "{\"site_id\": \"s\", \"qr_code_id\": \"q\", \"campaign\": \"\\ud800\","
                    + " \"extra\": {\"\\u0000\": true}}")
            .problems();

    assertThat(problems)
        .extracting(Problem::loc, Problem::type)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                List.of("body", "campaign"), "value_error.unstorable_char"),
            org.assertj.core.groups.Tuple.tuple(
                List.of("body", "extra", "\uFFFD"), "value_error.unstorable_char"));
  }

  @Test
  void shouldRefuseRawEmailsInTheQrCodeTheCampaignAndEveryOtherString() throws Exception {
    List<Problem> problems =
        validate(
                "{\"site_id\": \"s\", \"qr_code_id\": \"poster-alice@example.com\","
                    + " \"campaign\": \"winter-alice%40example.com\","
                    + " \"extra\": {\"owner\": \"alice@bücher.de\"}}")
            .problems();

    assertThat(problems)
        .containsExactly(
            new Problem(
                List.of("body", "qr_code_id"), Problem.RAW_EMAIL_MSG, "value_error.pii.email"),
            new Problem(
                List.of("body", "campaign"), Problem.RAW_EMAIL_MSG, "value_error.pii.email"),
            new Problem(
                List.of("body", "extra", "owner"), Problem.RAW_EMAIL_MSG, "value_error.pii.email"));
  }

  @Test
  void shouldAcceptCampaignsAndQrCodesWithOrdinaryAtSigns() throws Exception {
    ScanSession session =
        validate(
                "{\"site_id\": \"s\", \"qr_code_id\": \"poster@2x.png\","
                    + " \"campaign\": \"@scanflow summer\"}")
            .value();

    assertThat(session.qrCodeId()).isEqualTo("poster@2x.png");
    assertThat(session.campaign()).isEqualTo("@scanflow summer");
  }
}
