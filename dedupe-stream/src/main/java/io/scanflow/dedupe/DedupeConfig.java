package io.scanflow.dedupe;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;

/** Settings of dedupe-stream ({@code scanflow.dedupe.*}), validated by Quarkus at start-up. */
@ConfigMapping(prefix = "scanflow.dedupe")
public interface DedupeConfig {
  /**
   * How long, in stream time (the largest {@code received_at} seen), a counted event id is
   * remembered; a repeat within it is a duplicate.
   */
  @WithDefault("7d")
  @DurationMin(millis = 1, message = "must be positive")
  Duration window();
}
