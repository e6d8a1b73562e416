package io.scanflow.streams;

import io.scanflow.contract.DeadLetterSubject;
import io.scanflow.contract.DlqHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one record to the DLQ sink of a stage's topology, with {@link DlqHeaders}: forwarded like
 * any output, it is written in the same exactly-once transaction as the input's offset.
 */
public final class DeadLetters {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

  private final ProcessorContext<byte[], byte[]> context;
  private final DeadLetterRoute route;
  private final RecordSizeLimit limit;

  public DeadLetters(ProcessorContext<byte[], byte[]> context, DeadLetterRoute route) {
    this.context = context;
    this.route = route;
    this.limit = RecordSizeLimit.of(context.appConfigs());
  }

  /** What failed, and the record it failed on, as read from its source topic. */
  public record DeadLetter(
      byte[] key,
      byte[] value,
      Header[] headers,
      long timestamp,
      DlqHeaders.Source source,
      String errorClass,
      String errorMessage) {}

  /** Where the record being processed was read from, or null in a punctuation. */
  public static DlqHeaders.Source currentSource(ProcessorContext<?, ?> context) {
    return context
        .recordMetadata()
        .map(m -> new DlqHeaders.Source(m.topic(), m.partition(), m.offset()))
        .orElse(null);
  }

  /** Sends the dead letter and logs it, with {@code cause}'s stack trace when there is one. */
  public void send(DeadLetter letter, Throwable cause) {
    String key = letter.key() == null ? null : new String(letter.key(), StandardCharsets.UTF_8);
    String topic = letter.source() == null ? null : letter.source().topic();
    String siteId = DeadLetterSubject.of(topic, key, letter.value()).siteId();
    byte[] value = letter.value();
    Headers headers = headers(letter, message(letter), siteId);
    long size = RecordSizeLimit.sizeOf(letter.key(), value, headers);
    if (!limit.fits(size)) {
      // Sent whole, it would abort every transaction from now on: keep the headers only.
      value = null;
      headers = headers(letter, "value of " + size + " bytes not kept: " + message(letter), siteId);
    }
    LOG.warn(
        "Dead letter from {} for site {}: {}: {} (read from {})",
        route.stage(),
        siteId,
        letter.errorClass(),
        message(letter),
        letter.source() == null ? "no input record" : where(letter.source()),
        cause);
    route.onDeadLetter().run();
    context.forward(
        new Record<>(letter.key(), value, letter.timestamp(), headers), route.deadLetterChild());
  }

  private static String where(DlqHeaders.Source source) {
    return source.topic() + "-" + source.partition() + "@" + source.offset();
  }

  private static String message(DeadLetter letter) {
    return letter.errorMessage() == null ? letter.errorClass() : letter.errorMessage();
  }

  private Headers headers(DeadLetter letter, String message, String siteId) {
    return DlqHeaders.of(
        new RecordHeaders(letter.headers()),
        route.stage(),
        letter.errorClass(),
        message,
        letter.source(),
        siteId);
  }
}
