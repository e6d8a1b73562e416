package io.scanflow.contract.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class VerifiedGapsTest {
  private static final TopicPartition P0 = new TopicPartition("server-events-attributed", 0);
  private static final TopicPartition P1 = new TopicPartition("server-events-attributed", 1);

  /** A log where only the listed offsets hold records; every other offset is a marker. */
  private final List<Long> records = new ArrayList<>();

  private final List<Map<TopicPartition, OffsetRange>> reads = new ArrayList<>();
  private final RecordCounter log =
      ranges -> {
        reads.add(ranges);
        Map<TopicPartition, Long> counts = new HashMap<>();
        ranges.forEach(
            (partition, range) ->
                counts.put(
                    partition,
                    records.stream()
                        .filter(offset -> offset >= range.from() && offset < range.end())
                        .count()));
        return counts;
      };

  @Test
  void shouldShowZeroForAConsumerOneCommitMarkerShortOfTheEnd() {
    // given records 0..9 written in one transaction, its commit marker at offset 10
    records.addAll(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L));
    VerifiedGaps gaps = new VerifiedGaps(100, log);

    // when the group committed "last record + 1" = 10 and the read-committed end is 11
    Map<TopicPartition, Long> lags = gaps.lags(Map.of(P0, new OffsetRange(10, 11)));

    // then the marker is not lag
    assertThat(lags).containsEntry(P0, 0L);
  }

  @Test
  void shouldCountOnlyTheRecordsBetweenMarkers() {
    // given two transactions after the group's position: records 11, 12, marker 13, record 14,
    // marker 15
    records.addAll(List.of(11L, 12L, 14L));
    VerifiedGaps gaps = new VerifiedGaps(100, log);

    assertThat(gaps.lags(Map.of(P0, new OffsetRange(11, 16)))).containsEntry(P0, 3L);
  }

  @Test
  void shouldNotReadAnUnchangedGapAgain() {
    VerifiedGaps gaps = new VerifiedGaps(100, log);
    Map<TopicPartition, OffsetRange> idle =
        Map.of(P0, new OffsetRange(10, 11), P1, new OffsetRange(4, 5));

    gaps.lags(idle);
    Map<TopicPartition, Long> again = gaps.lags(idle);

    assertThat(again).containsEntry(P0, 0L).containsEntry(P1, 0L);
    assertThat(reads).hasSize(1);
  }

  @Test
  void shouldReadOnlyTheGapThatMoved() {
    VerifiedGaps gaps = new VerifiedGaps(100, log);
    gaps.lags(Map.of(P0, new OffsetRange(10, 11), P1, new OffsetRange(4, 5)));

    // when a new transaction (record 11, marker 12) lands on P0 only
    records.add(11L);
    Map<TopicPartition, Long> lags =
        gaps.lags(Map.of(P0, new OffsetRange(10, 13), P1, new OffsetRange(4, 5)));

    assertThat(lags).containsEntry(P0, 1L).containsEntry(P1, 0L);
    assertThat(reads).hasSize(2);
    assertThat(reads.get(1)).containsOnlyKeys(P0);
  }

  @Test
  void shouldTakeALargeGapAsItIsWithoutReadingIt() {
    VerifiedGaps gaps = new VerifiedGaps(100, log);

    Map<TopicPartition, Long> lags =
        gaps.lags(Map.of(P0, new OffsetRange(0, 5_000), P1, new OffsetRange(7, 7)));

    assertThat(lags).containsEntry(P0, 5_000L).containsEntry(P1, 0L);
    assertThat(reads).isEmpty();
  }

  @Test
  void shouldReportTheGapAndReadAgainWhenAGapCouldNotBeReadInTime() {
    List<Integer> attempts = new ArrayList<>();
    VerifiedGaps gaps =
        new VerifiedGaps(
            100,
            ranges -> {
              attempts.add(ranges.size());
              return Map.of(); // nothing read to its end before the deadline
            });

    Map<TopicPartition, Long> lags = gaps.lags(Map.of(P0, new OffsetRange(10, 11)));
    gaps.lags(Map.of(P0, new OffsetRange(10, 11)));

    assertThat(lags).containsEntry(P0, 1L);
    assertThat(attempts).hasSize(2);
  }
}
