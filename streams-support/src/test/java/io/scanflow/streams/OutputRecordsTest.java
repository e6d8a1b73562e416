package io.scanflow.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scanflow.contract.ScanSession;
import io.scanflow.contract.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class OutputRecordsTest {
  private static final ScanSession SESSION =
      new ScanSession("s-1", "site-a", "qr-1", "launch", Instant.parse("2026-11-01T10:00:00Z"));

  @Test
  void shouldTakeTheLimitFromTheProducersMaxRequestSize() {
    assertThat(RecordSizeLimit.of(Map.of()).maxBytes()).isEqualTo(1024 * 1024 - 1024);
    assertThat(RecordSizeLimit.of(Map.of("max.request.size", "5000")).maxBytes()).isEqualTo(3976);
    assertThat(
            RecordSizeLimit.of(Map.of("max.request.size", 5000, "producer.max.request.size", 3000))
                .maxBytes())
        .isEqualTo(1976);
  }

  @Test
  void shouldWriteTheTopicsBytesWithTimestampAndHeaders() {
    RecordHeaders headers = new RecordHeaders();
    headers.add("h", new byte[] {1});

    Record<byte[], byte[]> out =
        new OutputRecords(new RecordSizeLimit(10_000))
            .serialize(new Record<>("s-1", SESSION, 42L, headers), Topics.SCAN_SESSIONS);

    assertThat(new String(out.key(), StandardCharsets.UTF_8)).isEqualTo("s-1");
    assertThat(Topics.SCAN_SESSIONS.valueSerde().deserializer().deserialize("", out.value()))
        .isEqualTo(SESSION);
    assertThat(out.timestamp()).isEqualTo(42L);
    assertThat(out.headers().lastHeader("h").value()).containsExactly(1);
  }

  @Test
  void shouldRefuseARecordOverTheLimitBeforeItReachesTheProducer() {
    OutputRecords outputs = new OutputRecords(new RecordSizeLimit(50));

    assertThatThrownBy(
            () -> outputs.serialize(new Record<>("s-1", SESSION, 42L), Topics.SCAN_SESSIONS))
        .isInstanceOf(RecordTooLargeException.class)
        .hasMessageContaining("scan-sessions record of")
        .hasMessageContaining("over the limit of 50 bytes");
  }
}
