package io.scanflow.dedupe;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of dedupe-stream ({@code scanflow.dedupe.*}). */
@ConfigMapping(prefix = "scanflow.dedupe")
public interface DedupeConfig {
  /**
   * How long, in stream time (the largest {@code received_at} seen), a counted event id is
   * remembered; a repeat within it is a duplicate.
   */
  @WithDefault("7d")
  Duration window();
}
