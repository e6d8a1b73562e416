package io.scanflow.contract.lag;

/** A stretch {@code [from, end)} of one partition's log. */
public record OffsetRange(long from, long end) {

  /** Offsets in the stretch: an upper bound of its records (markers and gaps take offsets too). */
  public long span() {
    return Math.max(0, end - from);
  }
}
