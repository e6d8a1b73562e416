package io.scanflow.contract.lag;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumer group's lag: the committed records it has not processed yet, over every partition it
 * is assigned or has committed offsets for. {@code positions} are where it stands on each (its
 * committed offset, or the earliest offset of an assigned partition it has not committed on yet):
 * when they do not change, the group is not making progress.
 */
public record GroupLag(String group, long lag, Map<TopicPartition, Long> positions) {
  public GroupLag {
    positions = Map.copyOf(positions);
  }

  /** Partitions the lag is summed over. */
  public int partitions() {
    return positions.size();
  }

  /** False for a group that has no members and never committed: it has not started yet. */
  public boolean started() {
    return !positions.isEmpty();
  }
}
