package io.scanflow.ingest.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body up to a limit. A declared Content-Length over the limit is refused before
 * reading anything; otherwise reading stops at the first byte past the limit, so an oversized body
 * is never held whole.
 */
public final class BoundedBody {
  public static final int MAX_EVENT_BYTES = 64 * 1024;
  public static final int MAX_BATCH_BYTES = 1024 * 1024;

  private BoundedBody() {}

  public static byte[] read(InputStream in, int limit, String contentLength) {
    if (declaredLength(contentLength) > limit) {
      throw tooLarge(limit);
    }
    if (in == null) {
      return new byte[0];
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream(Math.min(limit, 16 * 1024));
    byte[] chunk = new byte[8192];
    try (in) {
      int read;
      while ((read = in.read(chunk)) != -1) {
        if (body.size() + read > limit) {
          throw tooLarge(limit);
        }
        body.write(chunk, 0, read);
      }
    } catch (IOException e) {
      throw new ApiException(400, "Could not read the request body");
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

  private static ApiException tooLarge(int limit) {
    return new ApiException(413, "Request body exceeds " + limit + " bytes");
  }
}
