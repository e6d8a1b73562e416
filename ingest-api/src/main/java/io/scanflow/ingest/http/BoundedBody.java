package io.scanflow.ingest.http;

import io.scanflow.ingest.validation.Loc;
import io.scanflow.ingest.validation.Problem;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

/**
 * Reads a request body up to a limit, inflating a gzip or deflate body first (http-api.md §6). The
 * limit applies to the decoded bytes, and at most limit + 1 of them are ever produced, so a body
 * that inflates to a gigabyte costs no more than one at the limit. The bytes on the wire are
 * bounded too: a declared Content-Length over the wire limit is refused before reading anything,
 * and reading stops at the first byte past it, so an oversized body is never held whole.
 *
 * <p>Two ways in, one rule: a blocking {@link InputStream}, or the Vert.x request itself, whose
 * body arrives as buffers on the event loop and is decoded once it is complete.
 */
public final class BoundedBody {
  public static final int MAX_EVENT_BYTES = 64 * 1024;
  public static final int MAX_BATCH_BYTES = 1024 * 1024;

  /**
   * Deflate's worst case adds 5 bytes per 16 KB block plus gzip's 18-byte frame: a compressed body
   * that is larger on the wire than limit + this can never inflate to within the limit.
   */
  static final int COMPRESSION_OVERHEAD = 1024;

  private BoundedBody() {}

  /** A body without Content-Encoding. */
  public static byte[] read(InputStream in, int limit, String contentLength) {
    return read(in, limit, contentLength, null);
  }

  public static byte[] read(
      InputStream in, int limit, String contentLength, String contentEncoding) {
    ContentEncoding encoding = ContentEncoding.of(contentEncoding);
    int wireLimit = wireLimit(encoding, limit, contentLength);
    if (in == null) {
      return new byte[0];
    }
    try (InputStream wire = new WireBytes(in, wireLimit, limit)) {
      return readAtMost(encoding.decode(wire), limit);
    } catch (IOException e) {
      // WireBytes turns failures of the connection into ApiExceptions, so this is the decoder.
      throw undecodable(encoding, e);
    }
  }

  /**
   * The same without blocking: collects the body of {@code request} (paused until now, as Quarkus
   * REST leaves it) as it arrives, at most the wire limit of it, then decodes it. Fails with the
   * same answers as {@link #read(InputStream, int, String, String)}; the header checks fail before
   * a byte is read.
   */
  public static Uni<byte[]> read(
      HttpServerRequest request, int limit, String contentLength, String contentEncoding) {
    ContentEncoding encoding = ContentEncoding.of(contentEncoding);
    int wireLimit = wireLimit(encoding, limit, contentLength);
    return Uni.createFrom()
        .emitter(emitter -> new WireBuffer(emitter, encoding, wireLimit, limit).readFrom(request));
  }

  /** The most wire bytes a body within {@code limit} can take; 413 if it says it takes more. */
  private static int wireLimit(ContentEncoding encoding, int limit, String contentLength) {
    int wireLimit = encoding == ContentEncoding.IDENTITY ? limit : limit + COMPRESSION_OVERHEAD;
    if (declaredLength(contentLength) > wireLimit) {
      throw tooLarge(limit);
    }
    return wireLimit;
  }

  /** The decoded body of {@code wire}, all of which arrived and is within the wire limit. */
  static byte[] decode(byte[] wire, ContentEncoding encoding, int limit) {
    if (encoding == ContentEncoding.IDENTITY) {
      return wire;
    }
    try {
      return readAtMost(encoding.decode(new ByteArrayInputStream(wire)), limit);
    } catch (IOException e) {
      throw undecodable(encoding, e);
    }
  }

  /**
   * Reads {@code in} to its end, asking it for at most {@code limit + 1} bytes in total: the one
   * past the limit proves the body too large. {@code in} is never asked for more.
   */
  static byte[] readAtMost(InputStream in, int limit) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream(Math.min(limit, 16 * 1024));
    byte[] chunk = new byte[8192];
    int read;
    while ((read = in.read(chunk, 0, Math.min(chunk.length, limit + 1 - body.size()))) != -1) {
      body.write(chunk, 0, read);
      if (body.size() > limit) {
        throw tooLarge(limit);
      }
    }
    return body.toByteArray();
  }

  private static long declaredLength(String contentLength) {
    if (contentLength == null || contentLength.isBlank()) {
      return -1;
    }
    try {
      return Long.parseLong(contentLength.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static ApiException tooLarge(int limit) {
    return new ApiException(413, "Request body exceeds " + limit + " bytes");
  }

  private static ValidationFailedException undecodable(ContentEncoding encoding, IOException e) {
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new ValidationFailedException(
        List.of(
            new Problem(
                Loc.body(),
                "request body is not valid "
                    + encoding.name().toLowerCase(Locale.ROOT)
                    + " data: "
                    + reason,
                "value_error.encoding")));
  }

  /**
   * A body arriving in buffers on the event loop: at most {@code wireLimit} bytes are kept (413
   * naming the decoded {@code limit} past it; the rest is read and dropped), a failing connection
   * is answered 400, and the complete body is decoded.
   */
  private static final class WireBuffer {
    private final UniEmitter<? super byte[]> emitter;
    private final ContentEncoding encoding;
    private final int wireLimit;
    private final int limit;
    private final Buffer wire;
    private boolean decided;

    WireBuffer(
        UniEmitter<? super byte[]> emitter, ContentEncoding encoding, int wireLimit, int limit) {
      this.emitter = emitter;
      this.encoding = encoding;
      this.wireLimit = wireLimit;
      this.limit = limit;
      this.wire = Buffer.buffer(Math.min(wireLimit, 4096));
    }

    void readFrom(HttpServerRequest request) {
      request.handler(this::chunk);
      request.exceptionHandler(e -> fail(new ApiException(400, "Could not read the request body")));
      request.endHandler(ignored -> end());
      request.resume();
    }

    private void chunk(Buffer chunk) {
      if (decided) {
        return;
      }
      if (wire.length() + chunk.length() > wireLimit) {
        fail(tooLarge(limit));
        return;
      }
      wire.appendBuffer(chunk);
    }

    private void end() {
      if (decided) {
        return;
      }
      decided = true;
      try {
        emitter.complete(decode(wire.getBytes(), encoding, limit));
      } catch (RuntimeException e) {
        emitter.fail(e);
      }
    }

    private void fail(RuntimeException e) {
      if (!decided) {
        decided = true;
        emitter.fail(e);
      }
    }
  }

  /**
   * The body as it arrives: at most {@code wireLimit} bytes (413 naming the decoded {@code limit}
   * past it), and a failing connection answered 400 rather than mistaken for a corrupt stream.
   */
  private static final class WireBytes extends FilterInputStream {
    private final int wireLimit;
    private final int limit;
    private long count;

    WireBytes(InputStream in, int wireLimit, int limit) {
      super(in);
      this.wireLimit = wireLimit;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) == -1 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      int read;
      try {
        read = in.read(buffer, offset, length);
      } catch (IOException e) {
        throw new ApiException(400, "Could not read the request body");
      }
      if (read > 0) {
        count += read;
        if (count > wireLimit) {
          throw tooLarge(limit);
        }
      }
      return read;
    }

    @Override
    public long skip(long n) throws IOException {
      int length = (int) Math.min(Math.max(n, 0), 8192);
      return Math.max(0, read(new byte[length], 0, length));
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }
}
