package io.scanflow.ingest.http;

import io.scanflow.contract.StorableText;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * The request body encodings ingest understands (http-api.md §6): none ({@code identity}), {@code
 * gzip} and {@code deflate}. Anything else, including a list of several encodings, is refused with
 * 415 before a byte of the body is read.
 */
enum ContentEncoding {
  IDENTITY,
  GZIP,
  DEFLATE;

  /** Longest header value echoed back in a 415, so that the answer stays small. */
  private static final int ECHO_LIMIT = 64;

  static ContentEncoding of(String header) {
    if (header == null || header.isBlank()) {
      return IDENTITY;
    }
    return switch (header.trim().toLowerCase(Locale.ROOT)) {
      case "identity" -> IDENTITY;
      case "gzip", "x-gzip" -> GZIP;
      case "deflate" -> DEFLATE;
      default -> throw unsupported(header.trim());
    };
  }

  /** The decoded view of {@code raw}; reading it may throw IOException for a corrupt stream. */
  InputStream decode(InputStream raw) throws IOException {
    return switch (this) {
      case IDENTITY -> raw;
      case GZIP -> new GZIPInputStream(raw);
      case DEFLATE -> deflate(raw);
    };
  }

  /**
   * HTTP's "deflate" is the zlib format (RFC 9110), but some clients send a bare deflate stream: a
   * zlib stream starts with a 2-byte header whose value is a multiple of 31, so the first two bytes
   * tell which one arrived.
   */
  private static InputStream deflate(InputStream raw) throws IOException {
    PushbackInputStream in = new PushbackInputStream(raw, 2);
    byte[] head = in.readNBytes(2);
    in.unread(head);
    boolean zlib =
        head.length == 2
            && (head[0] & 0x0F) == 8
            && (((head[0] & 0xFF) << 8) | (head[1] & 0xFF)) % 31 == 0;
    return new InflaterInputStream(in, new Inflater(!zlib));
  }

  private static ApiException unsupported(String header) {
    return new ApiException(
        415, "Unsupported Content-Encoding: " + StorableText.storable(header, ECHO_LIMIT));
  }
}
