package io.scanflow.reports.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanflow.contract.DlqHeaders;
import io.scanflow.reports.store.DeadLetterRow;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLetterReaderTest {
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final Instant FAILED_AT = Instant.parse("2026-12-01T11:59:00Z");

  @Test
  void shouldReadStageErrorSourceAndSiteFromTheHeadersAndTheEventIdFromTheValue() {
    RecordHeaders headers = new RecordHeaders();
    DlqHeaders.of(
            null,
            "dedupe-stream",
            "org.apache.kafka.common.errors.SerializationException",
            "Cannot read IngestedEvent",
            new DlqHeaders.Source("server-events", 4, 1234L),
            "shop")
        .forEach(headers::add);
    ConsumerRecord<String, byte[]> record =
        dlqRecord("shop/e-1", "{\"site_id\":\"shop\",\"event_id\":\"e-1\",", headers);

    DeadLetterRow row = DeadLetterReader.read(record, NOW);

    assertThat(row)
        .isEqualTo(
            new DeadLetterRow(
                "dedupe-stream",
                "server-events",
                4,
                1234L,
                "shop",
                "e-1",
                "org.apache.kafka.common.errors.SerializationException",
                "Cannot read IngestedEvent",
                FAILED_AT));
  }

  @Test
  void shouldStoreARecordWrittenByHandUnderItsOwnDlqPosition() {
    ConsumerRecord<String, byte[]> record = dlqRecord(null, "not json", new RecordHeaders());

    DeadLetterRow row = DeadLetterReader.read(record, NOW);

    assertThat(row.stage()).isEqualTo("unknown");
    assertThat(row.errorClass()).isEqualTo("unknown");
    assertThat(row.errorMessage()).contains("without scanflow.dlq headers");
    assertThat(row.sourceTopic()).isEqualTo("server-events-dlq");
    assertThat(row.sourcePartition()).isEqualTo(2);
    assertThat(row.sourceOffset()).isEqualTo(77L);
    assertThat(row.siteId()).isNull();
  }

  @Test
  void shouldMakeEveryHeaderStorableWhateverItHolds() {
    RecordHeaders headers = new RecordHeaders();
    headers.add(DlqHeaders.STAGE, bytes("dedupe\u0000-stream"));
    headers.add(DlqHeaders.SOURCE_TOPIC, bytes("server-events"));
    headers.add(DlqHeaders.SOURCE_PARTITION, bytes("one"));
    headers.add(DlqHeaders.SOURCE_OFFSET, bytes("12"));
    // NUL, then the UTF-8 form of a lone surrogate (invalid UTF-8).
    headers.add(
        DlqHeaders.SITE_ID,
        new byte[] {'s', 'h', 'o', 'p', 0, (byte) 0xed, (byte) 0xa0, (byte) 0x80});
    headers.add(DlqHeaders.ERROR_MESSAGE, bytes("x".repeat(5000)));

    DeadLetterRow row = DeadLetterReader.read(dlqRecord(null, null, headers), NOW);

    assertThat(row.stage()).isEqualTo("dedupe\uFFFD-stream");
    assertThat(row.sourceTopic()).as("unreadable position").isEqualTo("server-events-dlq");
    assertThat(row.siteId()).startsWith("shop\uFFFD").doesNotContain("\u0000").isNotEqualTo("shop");
    assertThat(row.errorMessage()).hasSize(1000);
    assertThat(row.errorClass()).isEqualTo("unknown");
  }

  @Test
  void shouldTakeNowForATimestampFarInTheFuture() {
    ConsumerRecord<String, byte[]> record =
        new ConsumerRecord<>(
            "server-events-dlq",
            0,
            1L,
            Long.MAX_VALUE,
            TimestampType.CREATE_TIME,
            0,
            0,
            null,
            null,
            new RecordHeaders(),
            Optional.empty());

    assertThat(DeadLetterReader.read(record, NOW).deadLetteredAt()).isEqualTo(NOW);
  }

  private static ConsumerRecord<String, byte[]> dlqRecord(
      String key, String value, RecordHeaders headers) {
    return new ConsumerRecord<>(
        "server-events-dlq",
        2,
        77L,
        FAILED_AT.toEpochMilli(),
        TimestampType.CREATE_TIME,
        0,
        0,
        key,
        value == null ? null : bytes(value),
        headers,
        Optional.empty());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
