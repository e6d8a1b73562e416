package io.scanflow.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading bodies within the limit, plain and compressed (http-api.md §6). */
class BoundedBodyTest {
  private static final int LIMIT = BoundedBody.MAX_EVENT_BYTES;
  private static final byte[] JSON =
      "{\"event_name\": \"purchase\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void shouldReadAPlainBody() {
    assertThat(read(JSON, null)).isEqualTo(JSON);
    assertThat(read(JSON, "identity")).isEqualTo(JSON);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gzip", "GZIP", " x-gzip "})
  void shouldInflateAGzipBody(String encoding) throws IOException {
    assertThat(read(Compressed.gzip(JSON), encoding)).isEqualTo(JSON);
  }

  @Test
  void shouldInflateAZlibDeflateBody() throws IOException {
    assertThat(read(Compressed.deflate(JSON, false), "deflate")).isEqualTo(JSON);
  }

  @Test
  void shouldInflateABareDeflateBodyAsSomeClientsSendIt() throws IOException {
    assertThat(read(Compressed.deflate(JSON, true), "deflate")).isEqualTo(JSON);
  }

  @Test
  void shouldAcceptAnInflatedBodyOfExactlyTheLimit() throws IOException {
    byte[] body = new byte[LIMIT];
    assertThat(read(Compressed.gzip(body), "gzip")).hasSize(LIMIT);
  }

  @Test
  void shouldRefuseAnInflatedBodyOneByteOverTheLimit() throws IOException {
    assertTooLarge(() -> read(Compressed.gzip(new byte[LIMIT + 1]), "gzip"));
  }

  @Test
  void shouldStopAZipBombAfterLimitPlusOneInflatedBytes() throws IOException {
    // ~64 MB of zeros in ~64 KB: it fits the wire limit, only the inflated size gives it away.
    byte[] bomb = Compressed.gzipOfZeros(64L * 1024 * 1024);
    assertThat(bomb.length).isLessThan(LIMIT + BoundedBody.COMPRESSION_OVERHEAD);
    CountingStream wire = new CountingStream(new ByteArrayInputStream(bomb));

    assertTooLarge(() -> BoundedBody.read(wire, LIMIT, null, "gzip"));
    // Inflating limit + 1 bytes of zeros needs a few dozen compressed bytes, not the whole bomb.
    assertThat(wire.count).isLessThan(bomb.length / 10);
  }

  @Test
  void shouldNeverAskTheDecodedStreamForMoreThanLimitPlusOneBytes() {
    CountingStream endless = new CountingStream(new EndlessZeros());

    assertTooLarge(() -> BoundedBody.readAtMost(endless, LIMIT));
    assertThat(endless.count).isEqualTo(LIMIT + 1L);
  }

  @Test
  void shouldRefuseACompressedBodyDeclaredLargerThanAnyBodyWithinTheLimit() {
    String declared = String.valueOf(LIMIT + BoundedBody.COMPRESSION_OVERHEAD + 1);
    assertTooLarge(() -> BoundedBody.read(new ByteArrayInputStream(JSON), LIMIT, declared, "gzip"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"br", "zstd", "compress", "gzip, gzip", "gzip;q=1", "unknown"})
  void shouldRefuseEveryOtherEncodingWith415(String encoding) {
    assertThatThrownBy(() -> read(JSON, encoding))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(415);
              assertThat(e.detail()).isEqualTo("Unsupported Content-Encoding: " + encoding);
            });
  }

  @Test
  void shouldAnswer422ForAGzipBodyThatIsNotGzip() {
    assertEncodingProblem(() -> read(JSON, "gzip"), "gzip");
  }

  @Test
  void shouldAnswer422ForATruncatedGzipBody() throws IOException {
    byte[] whole = Compressed.gzip(JSON);
    assertEncodingProblem(() -> read(Arrays.copyOf(whole, whole.length - 6), "gzip"), "gzip");
  }

  @Test
  void shouldAnswer422ForACorruptDeflateBody() {
    byte[] garbage = {(byte) 0x78, (byte) 0x9c, (byte) 0xff, (byte) 0xff, 1, 2, 3};
    assertEncodingProblem(() -> read(garbage, "deflate"), "deflate");
  }

  private static byte[] read(byte[] body, String encoding) {
    return BoundedBody.read(new ByteArrayInputStream(body), LIMIT, null, encoding);
  }

  private static void assertTooLarge(ThrowingCallable read) {
    assertThatThrownBy(read)
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(413);
              assertThat(e.detail()).isEqualTo("Request body exceeds " + LIMIT + " bytes");
            });
  }

  private static void assertEncodingProblem(ThrowingCallable read, String encoding) {
    assertThatThrownBy(read)
        .isInstanceOfSatisfying(
            ValidationFailedException.class,
            e -> {
              assertThat(e.status()).isEqualTo(422);
              List<?> problems = (List<?>) e.detail();
              assertThat(problems)
                  .singleElement()
                  .hasFieldOrPropertyWithValue("type", "value_error.encoding")
                  .hasFieldOrPropertyWithValue("loc", List.of("body"))
                  .extracting("msg")
                  .asString()
                  .startsWith("request body is not valid " + encoding + " data");
            });
  }

  /** Counts the bytes handed out. */
  private static final class CountingStream extends InputStream {
    private final InputStream in;
    long count;

    CountingStream(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      count += b == -1 ? 0 : 1;
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int read = in.read(buffer, offset, length);
      count += Math.max(read, 0);
      return read;
    }
  }

  private static final class EndlessZeros extends InputStream {
    @Override
    public int read() {
      return 0;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      Arrays.fill(buffer, offset, offset + length, (byte) 0);
      return length;
    }
  }
}
