package io.scanflow.attribution;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of attribution-stream ({@code scanflow.attribution.*}). */
@ConfigMapping(prefix = "scanflow.attribution")
public interface AttributionConfig {
  /**
   * How long (wall-clock) an event whose scan session is unknown waits for it before it is emitted
   * as {@code session_not_found}.
   */
  @WithDefault("60s")
  Duration pendingTimeout();
}
