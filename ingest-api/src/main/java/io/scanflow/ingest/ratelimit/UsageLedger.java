package io.scanflow.ingest.ratelimit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This instance's own admissions that the other instances may not know yet: those not yet sent
 * ({@code pending}) and those sent but not yet read back from the topic ({@code in flight}). Once
 * this instance reads its own record back, instances reading the topic as fast know it too.
 */
final class UsageLedger {
  private final Map<String, Integer> pending = new ConcurrentHashMap<>();
  private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();
  private final Deque<Sent> sent = new ArrayDeque<>();

  private record Sent(long seq, Map<String, Integer> admitted, long atNanos) {}

  void admitted(String subject) {
    pending.merge(subject, 1, Integer::sum);
  }

  /** Admissions of {@code subject} the others may not know about yet. */
  int unconfirmed(String subject) {
    return pending.getOrDefault(subject, 0) + inFlight.getOrDefault(subject, 0);
  }

  /** Moves what is pending into flight as record {@code seq}, and returns it. */
  synchronized Map<String, Integer> drain(long seq, long nowNanos) {
    Map<String, Integer> admitted = new HashMap<>();
    for (String subject : pending.keySet()) {
      Integer count = pending.remove(subject);
      if (count != null) {
        admitted.put(subject, count);
        inFlight.merge(subject, count, Integer::sum);
      }
    }
    sent.addLast(new Sent(seq, admitted, nowNanos));
    return admitted;
  }

  /**
   * This instance read its record {@code seq} back: it and every earlier one (sent in order, one
   * partition) are known to the others, or lost for good.
   */
  synchronized void readBack(long seq) {
    while (!sent.isEmpty() && sent.peekFirst().seq() <= seq) {
      forget(sent.removeFirst());
    }
  }

  /** Forgets records sent before {@code cutoffNanos}: delivered late or never, not waited for. */
  synchronized void expire(long cutoffNanos) {
    while (!sent.isEmpty() && sent.peekFirst().atNanos() - cutoffNanos < 0) {
      forget(sent.removeFirst());
    }
  }

  private void forget(Sent record) {
    record
        .admitted()
        .forEach(
            (subject, count) ->
                inFlight.computeIfPresent(
                    subject, (k, left) -> left - count <= 0 ? null : left - count));
  }
}
