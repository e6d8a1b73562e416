package io.scanflow.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast reader against the JDK parsers it stands for: same instant, or the same refusal. */
class InstantTextTest {
  /** The contract mapper as it was before the fast path: the reference. */
  private static final ObjectMapper PLAIN =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
          .build();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2025-03-01T12:00:00Z",
        "2025-03-01T12:00:00.1Z",
        "2025-03-01T12:00:00.123Z",
        "2025-03-01T12:00:00.123456Z",
        "2025-03-01T12:00:00.123456789Z",
        "2025-03-01T12:00:00.1234567891Z",
        "2025-03-01T12:00:00.Z",
        "2025-03-01T12:00Z",
        "2025-03-01T12:00:00+02:00",
        "2025-03-01T12:00:00.5-07:30",
        "2025-03-01T12:00:00-00:00",
        "2025-03-01T12:00:00+18:00",
        "2025-03-01T12:00:00-18:00",
        "2025-03-01T12:00:00+17:59",
        "2025-03-01T12:00:00+18:01",
        "2025-03-01T12:00:00+0200",
        "2025-03-01T12:00:00+02",
        "2025-03-01T12:00:00+02:00:30",
        "2025-03-01T12:00:00",
        "2025-03-01t12:00:00z",
        "2025-03-01T12:00:00z",
        "2025-03-01 12:00:00Z",
        "2024-02-29T00:00:00Z",
        "2023-02-29T00:00:00Z",
        "2000-02-29T00:00:00Z",
        "1900-02-29T00:00:00Z",
        "0000-02-29T00:00:00Z",
        "0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999999Z",
        "10000-01-01T00:00:00Z",
        "+10000-01-01T00:00:00Z",
        "-0001-01-01T00:00:00Z",
        "2016-12-31T23:59:60Z",
        "2016-12-31T23:59:60+01:00",
        "2025-03-01T23:59:60Z",
        "2025-03-01T24:00:00Z",
        "2025-03-01T24:00:00+01:00",
        "2025-04-31T00:00:00Z",
        "2025-13-01T00:00:00Z",
        "2025-00-01T00:00:00Z",
        "2025-01-00T00:00:00Z",
        "2025-01-01T00:60:00Z",
        "2025-01-01T00:00:61Z",
        "2025-1-01T00:00:00Z",
        "2025-01-01T00:00:00ZZ",
        "2025-01-01T00:00:00.12a4Z",
        "２０２５-01-01T00:00:00Z",
        "2025-01-01T00:00:0\u0661Z",
        " 2025-01-01T00:00:00Z",
        "2025-01-01T00:00:00Z ",
        "",
        "1700000000",
        "1700000000.5"
      })
  void shouldReadEveryShapeAsTheJdkAndJacksonDo(String text) {
    assertSameAsReference(text);
  }

  @Test
  void shouldAgreeWithTheJdkOnManyGeneratedTimestamps() {
    Random random = new Random(42);
    for (int i = 0; i < 50_000; i++) {
      assertSameAsReference(generated(random));
    }
  }

  @Test
  void shouldReadTheInstantsThePipelineWritesBackExactly() {
    Random random = new Random(5);
    for (int i = 0; i < 20_000; i++) {
      Instant written =
          Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_800L), nanos(random));
      assertThat(InstantText.fastParse(written.toString(), false)).isEqualTo(written);
    }
  }

  @Test
  void shouldReadInstantsOfRecordsAsThePlainMapperDoes() throws Exception {
    String json =
        "{\"event_time\":\"2025-03-01T12:00:00.250+01:00\",\"received_at\":\"2025-03-01T11:00:01Z\"}";
    IngestedEvent fast = ContractJson.mapper().readValue(json, IngestedEvent.class);
    IngestedEvent plain = PLAIN.readValue(json, IngestedEvent.class);
    assertThat(fast.eventTime()).isEqualTo(plain.eventTime());
    assertThat(fast.receivedAt()).isEqualTo(plain.receivedAt());
  }

  @Test
  void shouldWriteInstantsAsToStringDoes() throws Exception {
    Random random = new Random(9);
    List<Instant> instants =
        new ArrayList<>(
            List.of(
                Instant.MIN,
                Instant.MAX,
                Instant.EPOCH,
                Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("0000-01-01T00:00:00Z").minusNanos(1),
                Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z").plusNanos(1),
                Instant.parse("1969-12-31T23:59:59.000000001Z"),
                Instant.parse("2024-02-29T12:00:00.100Z"),
                Instant.parse("2024-02-29T12:00:00.000100Z")));
    for (int i = 0; i < 20_000; i++) {
      instants.add(
          Instant.ofEpochSecond(
              random.nextLong(-70_000_000_000L, 260_000_000_000L), nanos(random)));
    }
    for (Instant instant : instants) {
      assertThat(InstantText.format(instant)).isEqualTo(instant.toString());
      Stamp stamp = new Stamp(instant);
      assertThat(ContractJson.mapper().writeValueAsString(stamp))
          .isEqualTo(PLAIN.writeValueAsString(stamp));
      assertThat(ContractJson.mapper().writeValueAsString(instant))
          .isEqualTo(PLAIN.writeValueAsString(instant));
    }
  }

  @Test
  void shouldLeaveAPropertyWithItsOwnFormatToJackson() throws Exception {
    Patterned patterned = new Patterned(Instant.parse("2025-03-01T12:34:56.789Z"));
    assertThat(ContractJson.mapper().writeValueAsString(patterned))
        .isEqualTo(PLAIN.writeValueAsString(patterned))
        .isEqualTo("{\"at\":\"2025-03-01 12:34\"}");
    String json = "{\"at\":\"2025-03-01T12:34:56Z\"}";
    assertThat(outcome(t -> readPatterned(ContractJson.mapper(), t), json))
        .isEqualTo(outcome(t -> readPatterned(PLAIN, t), json))
        .startsWith(IllegalArgumentException.class.getName());
  }

  @Test
  void shouldWriteContractInstantsThroughTheFastPath() throws Exception {
    assertThat(
            ContractJson.mapper()
                .getSerializerProviderInstance()
                .findValueSerializer(Instant.class))
        .isInstanceOf(FastInstants.Writer.class);
  }

  @Test
  void shouldReadContractInstantsThroughTheFastPath() throws Exception {
    ObjectMapper mapper = ContractJson.mapper();
    DeserializationContext context =
        ((DefaultDeserializationContext) mapper.getDeserializationContext())
            .createDummyInstance(mapper.getDeserializationConfig());
    assertThat(context.findRootValueDeserializer(mapper.constructType(Instant.class)))
        .isInstanceOf(FastInstants.Reader.class);
  }

  private static void assertSameAsReference(String text) {
    assertThat(outcome(InstantText::parseInstant, text))
        .as("Instant.parse(%s)", text)
        .isEqualTo(outcome(Instant::parse, text));
    assertThat(outcome(InstantText::parseOffsetDateTime, text))
        .as("ISO_OFFSET_DATE_TIME(%s)", text)
        .isEqualTo(
            outcome(
                t -> OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant(),
                text));
    String json = "\"" + text + "\"";
    assertThat(outcome(t -> read(ContractJson.mapper(), t), json))
        .as("ContractJson(%s)", text)
        .isEqualTo(outcome(t -> read(PLAIN, t), json));
  }

  private static Instant read(ObjectMapper mapper, String json) {
    try {
      return mapper.readValue(json, Instant.class);
    } catch (Exception e) {
      throw new IllegalArgumentException(e.getClass().getName());
    }
  }

  private static Instant readPatterned(ObjectMapper mapper, String json) {
    try {
      return mapper.readValue(json, Patterned.class).at();
    } catch (Exception e) {
      throw new IllegalArgumentException(e.getClass().getName());
    }
  }

  record Stamp(@JsonProperty("at") Instant at) {}

  record Patterned(
      @JsonProperty("at")
          @JsonFormat(
              shape = JsonFormat.Shape.STRING,
              pattern = "yyyy-MM-dd HH:mm",
              timezone = "UTC")
          Instant at) {}

  /** The instant, or the kind and message of the refusal. */
  private static String outcome(Function<String, Instant> parser, String text) {
    try {
      return String.valueOf(parser.apply(text));
    } catch (RuntimeException e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }

  /** A timestamp of the common shape, often with one field out of range or one part changed. */
  private static String generated(Random random) {
    int year = random.nextInt(10) == 0 ? random.nextInt(10_000) : 1990 + random.nextInt(50);
    int month = random.nextInt(8) == 0 ? random.nextInt(14) : 1 + random.nextInt(12);
    int day = random.nextInt(3) == 0 ? 28 + random.nextInt(4) : random.nextInt(33);
    int hour = random.nextInt(26);
    int minute = random.nextInt(20) == 0 ? 60 : random.nextInt(60);
    int second = random.nextInt(20) == 0 ? 60 + random.nextInt(2) : random.nextInt(60);
    StringBuilder text =
        new StringBuilder(
            String.format("%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour, minute, second));
    int fraction = random.nextInt(12) - 1;
    if (fraction >= 0) {
      text.append('.');
      for (int i = 0; i < fraction; i++) {
        text.append((char) ('0' + random.nextInt(10)));
      }
    }
    List<String> offsets = new ArrayList<>(List.of("Z", "z", "", "+00:00", "-00:00"));
    offsets.add(
        String.format(
            "%s%02d:%02d",
            random.nextBoolean() ? "+" : "-",
            random.nextInt(20),
            random.nextInt(10) == 0 ? 60 : random.nextInt(60)));
    text.append(offsets.get(random.nextInt(3) == 0 ? random.nextInt(offsets.size()) : 0));
    if (random.nextInt(10) == 0) {
      text.setCharAt(random.nextInt(text.length()), "0T:-.Z+ x".charAt(random.nextInt(9)));
    }
    return text.toString();
  }

  private static int nanos(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> 0;
      case 1 -> random.nextInt(1000) * 1_000_000;
      case 2 -> random.nextInt(1_000_000) * 1000;
      default -> random.nextInt(1_000_000_000);
    };
  }
}
