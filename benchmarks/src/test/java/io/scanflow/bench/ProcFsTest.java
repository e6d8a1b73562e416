package io.scanflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reads the test JVM's own entry in the real /proc: the format the parser expects, on Linux. */
class ProcFsTest {

  @Test
  void shouldReadThisJvmsOwnCpuTicksAndResidentMemory() {
    long self = ProcessHandle.current().pid();
    List<ProcStat> all = ProcFs.all();

    assertThat(all).extracting(ProcStat::pid).contains(self);
    assertThat(ProcFs.treeCpuTicks(self, all)).hasValueSatisfying(t -> assertThat(t).isPositive());
    assertThat(ProcFs.treeResidentKilobytes(self, all)).isGreaterThan(10_000);
    assertThat(ProcFs.TICKS_PER_SECOND).isPositive();
  }

  @Test
  void shouldHaveNoCpuTicksForAProcessThatIsGone() {
    assertThat(ProcFs.treeCpuTicks(Long.MAX_VALUE, ProcFs.all())).isEmpty();
  }
}
