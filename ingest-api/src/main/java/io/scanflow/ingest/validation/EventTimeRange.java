package io.scanflow.ingest.validation;

import io.scanflow.ingest.config.DurationText;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** How far a client-supplied time may lie from the time the server received it. */
public record EventTimeRange(Duration maxFuture, Duration maxPast) {

  /** Adds a problem when {@code time} is out of range; {@code type} names the field's error. */
  public void check(
      String field, Instant time, Instant receivedAt, Loc loc, List<Problem> problems) {
    String type = "value_error." + field;
    if (time.isAfter(receivedAt.plus(maxFuture))) {
      problems.add(
          new Problem(
              loc, field + " is more than " + DurationText.of(maxFuture) + " in the future", type));
    } else if (time.isBefore(receivedAt.minus(maxPast))) {
      problems.add(
          new Problem(
              loc, field + " is more than " + DurationText.of(maxPast) + " in the past", type));
    }
  }
}
