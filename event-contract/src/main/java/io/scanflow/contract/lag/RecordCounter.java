package io.scanflow.contract.lag;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** Counts the records a {@code read_committed} consumer would read in stretches of partitions. */
public interface RecordCounter {

  /**
   * The number of records in each range; a partition missing from the answer could not be read in
   * time and stays unverified.
   */
  Map<TopicPartition, Long> count(Map<TopicPartition, OffsetRange> ranges);
}
