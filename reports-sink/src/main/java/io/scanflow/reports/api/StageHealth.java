package io.scanflow.reports.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.scanflow.contract.lag.GroupLag;
import io.scanflow.reports.sink.SinkHealth.Stall;
import java.time.Instant;
import java.util.Optional;

/**
 * One stage on {@code GET /api/pipeline}: its status, its consumer group's lag and its dead letters
 * of the last 24 h. {@code lag} is null when it is not known (Kafka unreachable, or the group has
 * not started); {@code deadLetters24h} is null when the database cannot be read.
 */
public record StageHealth(
    String stage,
    String group,
    String status,
    Long lag,
    int partitions,
    Instant stalledSince,
    String stallReason,
    @JsonProperty("dead_letters_24h") Long deadLetters24h) {

  /** Caught up: nothing waiting. */
  public static final String OK = "ok";

  /** Records are waiting and the stage is working them off. */
  public static final String LAGGING = "lagging";

  /** Stuck: see {@code stalled_since} and {@code stall_reason}. */
  public static final String STALLED = "stalled";

  /** Kafka could not be asked: the lag is unknown, not zero. */
  public static final String UNAVAILABLE = "unavailable";

  /** The group has never committed and has no members: the stage has not started yet. */
  public static final String NOT_STARTED = "no_offsets";

  private static final String GROUP_PREFIX = "scanflow-";

  /**
   * The health of {@code group}'s stage: stalled whenever a stall is known, then by what its lag
   * says ({@code lag} null: Kafka could not be read).
   */
  static StageHealth of(String group, GroupLag lag, Optional<Stall> stall, Long deadLetters) {
    String status;
    if (stall.isPresent()) {
      status = STALLED;
    } else if (lag == null) {
      status = UNAVAILABLE;
    } else if (!lag.started()) {
      status = NOT_STARTED;
    } else {
      status = lag.lag() > 0 ? LAGGING : OK;
    }
    return new StageHealth(
        stageOf(group),
        group,
        status,
        lag == null || !lag.started() ? null : lag.lag(),
        lag == null ? 0 : lag.partitions(),
        stall.map(Stall::since).orElse(null),
        stall.map(Stall::reason).orElse(null),
        deadLetters);
  }

  /** The stage a group belongs to, as named in dead letters: {@code scanflow-dedupe-stream}. */
  static String stageOf(String group) {
    return group.startsWith(GROUP_PREFIX) ? group.substring(GROUP_PREFIX.length()) : group;
  }
}
