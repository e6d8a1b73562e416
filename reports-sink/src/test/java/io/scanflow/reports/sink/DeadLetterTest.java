package io.scanflow.reports.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanflow.contract.DlqHeaders;
import io.scanflow.contract.PipelineHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

class DeadLetterTest {
  private static final byte[] GARBAGE = {(byte) 0xff, 0x00, '{'};

  @Test
  void shouldKeepKeyBytesAndHeadersAndNameErrorSourceAndSite() {
    RecordHeaders original = new RecordHeaders();
    original.add(PipelineHeaders.DEDUPLICATED_AT, bytes("2026-11-26T08:00:02Z"));
    ConsumerRecord<String, byte[]> record =
        new ConsumerRecord<>(
            "server-events-attributed",
            2,
            41L,
            1_764_144_000_000L,
            TimestampType.CREATE_TIME,
            3,
            GARBAGE.length,
            "shop/e-1",
            GARBAGE,
            original,
            Optional.empty());

    ProducerRecord<String, byte[]> dlq =
        DeadLetter.of(record, new IllegalArgumentException("attribution missing")).toDeadLetter();

    assertThat(dlq.topic()).isEqualTo("server-events-dlq");
    assertThat(dlq.key()).isEqualTo("shop/e-1");
    assertThat(dlq.value()).isEqualTo(GARBAGE);
    assertThat(dlq.timestamp()).as("the producer's time: when it was dead-lettered").isNull();
    assertThat(header(dlq, PipelineHeaders.DEDUPLICATED_AT)).isEqualTo("2026-11-26T08:00:02Z");
    assertThat(header(dlq, DlqHeaders.ERROR_MESSAGE)).isEqualTo("attribution missing");
    assertThat(header(dlq, DlqHeaders.ERROR_CLASS))
        .isEqualTo(IllegalArgumentException.class.getName());
    assertThat(header(dlq, DlqHeaders.SOURCE_TOPIC)).isEqualTo("server-events-attributed");
    assertThat(header(dlq, DlqHeaders.SOURCE_PARTITION)).isEqualTo("2");
    assertThat(header(dlq, DlqHeaders.SOURCE_OFFSET)).isEqualTo("41");
    assertThat(header(dlq, DlqHeaders.STAGE)).isEqualTo("reports-sink");
    assertThat(header(dlq, DlqHeaders.SITE_ID)).isEqualTo("shop");
  }

  @Test
  void shouldNameTheSqlStateAndPrimaryMessageButNotTheServersDetailQuotingTheValue() {
    ConsumerRecord<String, byte[]> record =
        new ConsumerRecord<>("server-events-attributed", 0, 7L, "shop/e-1", GARBAGE);
    ServerErrorMessage refusal =
        new ServerErrorMessage(
            "SERROR\0C22P05\0Munsupported Unicode escape sequence\0"
                + "D\\u0000 cannot be converted to text.\0WJSON data, line 1: {\"secret\"\0");

    DeadLetter letter = DeadLetter.of(record, new PSQLException(refusal));

    assertThat(letter.errorClass()).isEqualTo(PSQLException.class.getName());
    assertThat(letter.errorMessage()).isEqualTo("22P05: unsupported Unicode escape sequence");
  }

  @Test
  void shouldLeaveOutTheInputThatAPrimaryMessageQuotes() {
    ConsumerRecord<String, byte[]> record =
        new ConsumerRecord<>("server-events-attributed", 0, 7L, "shop/e-1", GARBAGE);
    ServerErrorMessage refusal =
        new ServerErrorMessage(
            "SERROR\0C22P02\0Minvalid input syntax for type numeric: \"1E+200000\"\0");

    DeadLetter letter = DeadLetter.of(record, new PSQLException(refusal));

    assertThat(letter.errorMessage()).isEqualTo("22P02: invalid input syntax for type numeric");
  }

  @Test
  void shouldKnowARecordOfTheDlqItselfSoThatItNeverGoesBack() {
    ConsumerRecord<String, byte[]> fromDlq =
        new ConsumerRecord<>("server-events-dlq", 1, 3L, null, GARBAGE);

    assertThat(DeadLetter.of(fromDlq, new IllegalStateException()).fromDeadLetterTopic()).isTrue();
  }

  @Test
  void shouldReplaceStaleDlqHeadersAndTruncateLongErrors() {
    ConsumerRecord<String, byte[]> record =
        new ConsumerRecord<>("server-events-duplicates", 0, 7L, null, null);
    record.headers().add(DlqHeaders.STAGE, bytes("dedupe-stream"));

    ProducerRecord<String, byte[]> dlq =
        new DeadLetter(record, IllegalArgumentException.class.getName(), "x".repeat(5000))
            .toDeadLetter();

    assertThat(dlq.key()).isNull();
    assertThat(dlq.value()).isNull();
    assertThat(dlq.timestamp()).isNull();
    assertThat(dlq.headers().headers(DlqHeaders.STAGE)).hasSize(1);
    assertThat(header(dlq, DlqHeaders.STAGE)).isEqualTo("reports-sink");
    assertThat(header(dlq, DlqHeaders.ERROR_MESSAGE)).hasSize(1000);
  }

  private static String header(ProducerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
