package io.scanflow.contract.registry;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** An in-memory view of compacted topics, kept up to date by a {@link CompactedTopicFollower}. */
public interface CompactedView {

  /** The topics this view is made of. */
  List<String> topics();

  /**
   * Applies one record (a null value is a tombstone). Called from the follower's thread only; a
   * record it cannot read should throw, and is then logged and skipped.
   */
  void apply(ConsumerRecord<String, byte[]> record);
}
