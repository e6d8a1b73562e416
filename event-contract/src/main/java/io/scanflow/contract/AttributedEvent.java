package io.scanflow.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;

/**
 * A counted event with the outcome of attribution, on {@code server-events-attributed}: the
 * IngestedEvent's fields plus {@code attribution} and {@code attributed_at}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AttributedEvent(
    @JsonUnwrapped IngestedEvent event,
    @JsonProperty("attribution") Attribution attribution,
    @JsonProperty("attributed_at") Instant attributedAt) {}
