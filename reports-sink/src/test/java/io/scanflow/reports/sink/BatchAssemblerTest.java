package io.scanflow.reports.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanflow.contract.ContractJson;
import io.scanflow.contract.PipelineHeaders;
import io.scanflow.contract.TrackingSite;
import io.scanflow.reports.store.ReportBatch;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class BatchAssemblerTest {
  private static final String EVENT =
      """
      {"schema_version":1,"ingest_id":"6f0c1f4e-1a52-4b8e-9d6a-0d7c2b1e9a11","event_id":"e-1",
       "event_id_generated":false,"site_id":"shop","api_key_id":"k","event_name":"purchase",
       "scan_session_id":"2b6c7f0e-8f1a-4f5e-9a3b-1c2d3e4f5a6b","event_time":"2026-11-26T08:00:00Z",
       "received_at":"2026-11-26T08:00:01Z","conversion_value":{"amount":0.10,"currency":"EUR"},
       "attribution":{"status":"unattributed","reason":"session_not_found","qr_code_id":null,
       "campaign":null,"scanned_at":null},"attributed_at":"2026-11-26T08:01:01Z"}
      """;

  private static ConsumerRecord<String, byte[]> record(String topic, String key, String json) {
    return new ConsumerRecord<>(
        topic, 0, 0, key, json == null ? null : json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shouldReadAnAttributedEventWithItsDeduplicationTimeAndExactValue() {
    ConsumerRecord<String, byte[]> record = record("server-events-attributed", "shop/e-1", EVENT);
    PipelineHeaders.stampDeduplicatedAt(record.headers(), Instant.parse("2026-11-26T08:00:02Z"));

    ReportBatch batch = batchOf(BatchAssembler.assemble(List.of(record)));

    assertThat(batch.events())
        .singleElement()
        .satisfies(
            counted -> {
              assertThat(counted.deduplicatedAt()).isEqualTo(Instant.parse("2026-11-26T08:00:02Z"));
              assertThat(counted.event().event().conversionValue().amount())
                  .isEqualByComparingTo("0.10");
              assertThat(counted.event().event().conversionValue().amount().scale()).isEqualTo(2);
            });
  }

  @Test
  void shouldSetUnreadableRecordsApartWithTheirReasonAndKeepTheRest() {
    AssembledPoll poll =
        BatchAssembler.assemble(
            List.of(
                record("server-events-attributed", "shop/x", "{not json"),
                record("server-events-attributed", "shop/y", "{\"event_id\":\"y\"}"),
                record("server-events-attributed", "shop/e-1", EVENT),
                record("tracking-sites", "shop", "[]")));

    assertThat(batchOf(poll).events()).hasSize(1);
    assertThat(batchOf(poll).sites()).isEmpty();
    assertThat(poll.unreadable())
        .extracting(unreadable -> unreadable.record().key())
        .containsExactly("shop/x", "shop/y", "shop");
    assertThat(poll.unreadable().get(0).errorClass())
        .isEqualTo(SerializationException.class.getName());
    assertThat(poll.unreadable().get(1).errorClass())
        .isEqualTo(IllegalArgumentException.class.getName());
    assertThat(poll.unreadable().get(1).errorMessage()).contains("event_name");
  }

  @Test
  void shouldStoreAnEventWhoseNameIsABlankThatTheContractAllows() {
    String blankName = EVENT.replace("\"event_name\":\"purchase\"", "\"event_name\":\" \"");

    AssembledPoll poll =
        BatchAssembler.assemble(List.of(record("server-events-attributed", "shop/e-1", blankName)));

    assertThat(poll.unreadable()).isEmpty();
    assertThat(batchOf(poll).events().get(0).event().event().eventName()).isEqualTo(" ");
  }

  @Test
  void shouldSetApartAnEventThatBreaksTheContractWithTheMessageDedupeGives() {
    String noEventTime =
        EVENT.replace("\"event_time\":\"2026-11-26T08:00:00Z\"", "\"event_time\":null");

    AssembledPoll poll =
        BatchAssembler.assemble(
            List.of(record("server-events-attributed", "shop/e-1", noEventTime)));

    assertThat(poll.readable()).isEmpty();
    assertThat(poll.unreadable().get(0).errorMessage()).isEqualTo("event_time is required");
  }

  @Test
  void shouldKeepTheLastValuePerSiteAndTreatANullValueAsDeletion() throws Exception {
    String site =
        ContractJson.mapper()
            .writeValueAsString(new TrackingSite("shop", "Shop", 30, Instant.EPOCH));

    AssembledPoll poll =
        BatchAssembler.assemble(
            List.of(
                record("tracking-sites", "shop", site),
                record("tracking-sites", "gone", site),
                record("tracking-sites", "gone", null)));

    assertThat(poll.readable()).hasSize(2);
    assertThat(batchOf(poll).sites().get("shop")).isPresent();
    assertThat(batchOf(poll).sites().get("gone")).isEqualTo(Optional.empty());
  }

  @Test
  void shouldReadEveryDlqRecordAsADeadLetterRowAndNeverSetItApart() {
    AssembledPoll poll =
        BatchAssembler.assemble(
            List.of(
                record("server-events-dlq", null, null),
                record("server-events-dlq", "shop/e-1", "{not json")));

    assertThat(poll.unreadable()).isEmpty();
    assertThat(batchOf(poll).deadLetters()).hasSize(2);
  }

  private static ReportBatch batchOf(AssembledPoll poll) {
    return ReportBatch.of(poll.readable().stream().map(PolledRecord::row).toList());
  }
}
