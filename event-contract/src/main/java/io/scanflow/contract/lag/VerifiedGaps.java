package io.scanflow.contract.lag;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Turns the gaps between a group's positions and the read-committed ends into lag. A gap is only an
 * upper bound: each transaction's commit marker takes an offset that no consumer reads, so a
 * caught-up consumer of a transactional topic sits one offset short of the end. Gaps of at most
 * {@code verifyUpTo} offsets are therefore counted by reading them. Everything below the last
 * stable offset is decided and never changes, so a count is remembered and an unchanged gap (the
 * idle pipeline, polled by the dashboard every few seconds) is not read again.
 */
final class VerifiedGaps {
  /** Counts remembered: a few per partition of every group watched. */
  static final int REMEMBERED = 4096;

  private final long verifyUpTo;
  private final RecordCounter counter;
  private final Map<Gap, Long> counted =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Gap, Long> eldest) {
          return size() > REMEMBERED;
        }
      };

  private record Gap(TopicPartition partition, OffsetRange range) {}

  VerifiedGaps(long verifyUpTo, RecordCounter counter) {
    this.verifyUpTo = verifyUpTo;
    this.counter = counter;
  }

  /** The lag of each partition: its records in the range, counted or (for large gaps) estimated. */
  Map<TopicPartition, Long> lags(Map<TopicPartition, OffsetRange> ranges) {
    Map<TopicPartition, Long> lags = new HashMap<>();
    Map<TopicPartition, OffsetRange> toCount = new HashMap<>();
    ranges.forEach(
        (partition, range) -> {
          Long known = counted.get(new Gap(partition, range));
          if (range.span() == 0 || range.span() > verifyUpTo) {
            lags.put(partition, range.span());
          } else if (known != null) {
            lags.put(partition, known);
          } else {
            toCount.put(partition, range);
          }
        });
    if (!toCount.isEmpty()) {
      Map<TopicPartition, Long> counts = counter.count(toCount);
      toCount.forEach(
          (partition, range) -> {
            Long records = counts.get(partition);
            if (records != null) {
              counted.put(new Gap(partition, range), records);
            }
            // Not read in time: report the gap, an upper bound, rather than claim it is empty.
            lags.put(partition, records != null ? records : range.span());
          });
    }
    return lags;
  }
}
