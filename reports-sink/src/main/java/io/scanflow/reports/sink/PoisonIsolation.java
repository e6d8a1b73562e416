package io.scanflow.reports.sink;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a batch the database refused by halving it: each half in a transaction of its own,
 * recursively, until the records that fail are found one by one. The others are written; the
 * culprits are returned with their errors. An infrastructure failure at any point is thrown, and
 * the whole batch is tried again later: the writes are idempotent, so halves that were already
 * committed add nothing the second time.
 *
 * <p>k culprits in n records cost about 2 k log2(n) extra transactions; a healthy batch costs one.
 */
public final class PoisonIsolation {
  /** Writes some records in one transaction: all of them, or none and throw. */
  @FunctionalInterface
  public interface Transaction<T> {
    void write(List<T> records) throws Exception;
  }

  /** A record the database (or our own code) refused on its own, and why. */
  public record Culprit<T>(T record, Exception error) {}

  private PoisonIsolation() {}

  /** Writes {@code records}; returns the culprits, empty when everything was written. */
  public static <T> List<Culprit<T>> write(List<T> records, Transaction<T> transaction)
      throws Exception {
    List<Culprit<T>> culprits = new ArrayList<>();
    write(records, transaction, culprits);
    return culprits;
  }

  private static <T> void write(
      List<T> records, Transaction<T> transaction, List<Culprit<T>> culprits) throws Exception {
    if (records.isEmpty()) {
      return;
    }
    try {
      transaction.write(records);
    } catch (Exception e) {
      if (FailureClassifier.classify(e) == FailureClassifier.Kind.INFRASTRUCTURE) {
        throw e;
      }
      if (records.size() == 1) {
        culprits.add(new Culprit<>(records.get(0), e));
        return;
      }
      int half = records.size() / 2;
      write(records.subList(0, half), transaction, culprits);
      write(records.subList(half, records.size()), transaction, culprits);
    }
  }
}
