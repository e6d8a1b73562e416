package io.scanflow.reports.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PoisonIsolationTest {
  private final FakeDatabase database = new FakeDatabase();

  @Test
  void shouldWriteAHealthyBatchInOneTransaction() throws Exception {
    List<Integer> batch = records(100);

    var culprits = PoisonIsolation.write(batch, database);

    assertThat(culprits).isEmpty();
    assertThat(database.committed).containsExactlyElementsOf(batch);
    assertThat(database.transactions).isEqualTo(1);
  }

  @Test
  void shouldWriteEveryGoodRecordAndReturnOnlyTheCulpritsWithTheirErrors() throws Exception {
    List<Integer> batch = records(2000);
    database.refuse(3, 1000, 1999);

    var culprits = PoisonIsolation.write(batch, database);

    assertThat(culprits).extracting(PoisonIsolation.Culprit::record).containsExactly(3, 1000, 1999);
    assertThat(culprits.get(0).error()).hasMessage("refused 3");
    assertThat(database.committed).hasSize(1997).doesNotContain(3, 1000, 1999);
    assertThat(new LinkedHashSet<>(database.committed)).hasSize(1997);
    // About 2 k log2(n): far fewer than one transaction per record.
    assertThat(database.transactions).isLessThan(70);
  }

  @Test
  void shouldReturnTheOnlyRecordOfABatchOfOneThatIsRefused() throws Exception {
    database.refuse(0);

    var culprits = PoisonIsolation.write(List.of(0), database);

    assertThat(culprits).extracting(PoisonIsolation.Culprit::record).containsExactly(0);
    assertThat(database.committed).isEmpty();
  }

  @Test
  void shouldStopIsolatingAndThrowWhenTheDatabaseGoesAwayMeanwhile() {
    List<Integer> batch = records(8);
    database.refuse(5);
    database.goAwayAfterTransactions(2);

    assertThatThrownBy(() -> PoisonIsolation.write(batch, database))
        .isInstanceOf(SQLException.class)
        .hasMessage("connection lost");
  }

  private static List<Integer> records(int count) {
    return IntStream.range(0, count).boxed().toList();
  }

  /** Commits all records of a transaction or none, like PostgreSQL; refuses chosen ones. */
  private static final class FakeDatabase implements PoisonIsolation.Transaction<Integer> {
    private final Set<Integer> refused = new java.util.HashSet<>();
    private final List<Integer> committed = new ArrayList<>();
    private int transactions;
    private int availableTransactions = Integer.MAX_VALUE;

    void refuse(Integer... records) {
      refused.addAll(List.of(records));
    }

    void goAwayAfterTransactions(int count) {
      availableTransactions = count;
    }

    @Override
    public void write(List<Integer> records) throws SQLException {
      transactions++;
      if (transactions > availableTransactions) {
        throw new SQLException("connection lost", "08006");
      }
      for (Integer record : records) {
        if (refused.contains(record)) {
          throw new SQLException("refused " + record, "22P05");
        }
      }
      committed.addAll(records);
    }
  }
}
