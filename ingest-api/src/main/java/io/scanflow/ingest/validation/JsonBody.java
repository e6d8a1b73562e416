package io.scanflow.ingest.validation;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.scanflow.contract.ContractJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Parses a request body as UTF-8 JSON whatever its Content-Type; a body that is not JSON becomes a
 * {@code value_error.jsondecode} problem located at the character offset where parsing failed.
 * Jackson's default limits stay in force: a number literal of at most 1,000 characters, nesting at
 * most 1,000 deep, so no body can make parsing slow; numbers are read as exact {@code BigDecimal}s.
 */
public final class JsonBody {
  private static final ObjectReader READER =
      ContractJson.mapper()
          .readerFor(JsonNode.class)
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // Keep "59.90" as the client wrote it, not 59.9.
          .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);

  private JsonBody() {}

  public static Validated<JsonNode> parse(byte[] body) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(body);
    CharBuffer out = CharBuffer.allocate(body.length + 1);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      return decodeError("Invalid UTF-8 byte in the request body", out.position());
    }
    decoder.flush(out);
    String text = out.flip().toString();
    if (text.isBlank()) {
      return decodeError("Expecting value: the request body is empty", text.length());
    }
    try (JsonParser parser = READER.createParser(text)) {
      return read(parser, text);
    } catch (JsonProcessingException e) {
      return decodeError(e.getOriginalMessage(), offset(e.getLocation(), text));
    } catch (IOException e) {
      throw new UncheckedIOException("Reading a string cannot fail with I/O", e);
    }
  }

  private static Validated<JsonNode> read(JsonParser parser, String text) throws IOException {
    try {
      return Validated.valid(READER.readValue(parser));
    } catch (IllegalArgumentException e) {
      // BigDecimal's own refusal gets through Jackson unwrapped, for an exponent beyond what an
      // int holds ("1e9999999999"): still the client's malformed body, never a server error.
      return decodeError("Number out of range", offset(parser.currentTokenLocation(), text));
    }
  }

  private static int offset(JsonLocation location, String text) {
    if (location == null) {
      return 0;
    }
    long offset = location.getCharOffset();
    if (offset < 0) {
      return 0;
    }
    return (int) Math.min(offset, text.length());
  }

  private static Validated<JsonNode> decodeError(String message, int offset) {
    return Validated.invalid(
        List.of(new Problem(Loc.body().index(offset), message, "value_error.jsondecode")));
  }
}
