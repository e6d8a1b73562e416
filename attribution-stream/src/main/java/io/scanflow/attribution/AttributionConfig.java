package io.scanflow.attribution;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * Settings of attribution-stream ({@code scanflow.attribution.*}), validated by Quarkus at
 * start-up.
 */
@ConfigMapping(prefix = "scanflow.attribution")
public interface AttributionConfig {
  /**
   * How long (wall-clock) an event whose scan session is unknown waits for it before it is emitted
   * as {@code session_not_found}.
   */
  @WithDefault("60s")
  @DurationMin(millis = 1, message = "must be positive")
  Duration pendingTimeout();
}
