package io.scanflow.ingest.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/** Request bodies compressed as clients compress them, and zip bombs. */
public final class Compressed {
  private Compressed() {}

  public static byte[] gzip(byte[] body) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(body);
    }
    return out.toByteArray();
  }

  public static byte[] gzipOfZeros(long size) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] zeros = new byte[64 * 1024];
    try (OutputStream gzip = new GZIPOutputStream(out, zeros.length)) {
      for (long written = 0; written < size; written += zeros.length) {
        gzip.write(zeros);
      }
    }
    return out.toByteArray();
  }

  public static byte[] deflate(byte[] body, boolean bare) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, bare);
    try (OutputStream deflate = new DeflaterOutputStream(out, deflater)) {
      deflate.write(body);
    } finally {
      deflater.end();
    }
    return out.toByteArray();
  }
}
