package io.scanflow.streams.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The pinned {@code topology.describe()} text of a stage, kept as a test resource. */
public final class PinnedTopology {
  private PinnedTopology() {}

  /** The text of {@code resource} (an absolute class-path name such as {@code /x-topology.txt}). */
  public static String read(String resource) throws IOException {
    try (InputStream in = PinnedTopology.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
