package io.scanflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcStatTest {

  @Test
  void shouldReadParentAndCpuTicksFromAStatLine() {
    String line =
        "4242 (java) S 4100 4242 4100 0 -1 4194560 51234 0 12 0 1234 567 89 10 20 0 58 0 1071490"
            + " 3133440 380 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";

    ProcStat stat = ProcStat.parse(line);

    assertThat(stat.pid()).isEqualTo(4242);
    assertThat(stat.parentPid()).isEqualTo(4100);
    assertThat(stat.userTicks()).isEqualTo(1234);
    assertThat(stat.systemTicks()).isEqualTo(567);
    assertThat(stat.childUserTicks()).isEqualTo(89);
    assertThat(stat.childSystemTicks()).isEqualTo(10);
    assertThat(stat.cpuTicks()).isEqualTo(1234 + 567 + 89 + 10);
  }

  @Test
  void shouldCountFieldsFromTheLastParenthesisWhenTheCommandNameHasSpacesAndParentheses() {
    String line = "77 (postgres: a (b) c) S 1 77 77 0 -1 0 0 0 0 0 5 6 7 8 20 0 1 0 1 1 1";

    ProcStat stat = ProcStat.parse(line);

    assertThat(stat.pid()).isEqualTo(77);
    assertThat(stat.parentPid()).isEqualTo(1);
    assertThat(stat.cpuTicks()).isEqualTo(5 + 6 + 7 + 8);
  }

  @Test
  void shouldRefuseALineThatIsNoStatLine() {
    assertThatThrownBy(() -> ProcStat.parse("garbage"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldTakeEveryDescendantIntoTheTreeAndNothingElse() {
    // given a postmaster (10) with two backends, one with a child of its own, and a stranger
    List<ProcStat> all =
        List.of(
            process(1, 0),
            process(10, 1),
            process(11, 10),
            process(12, 10),
            process(13, 12),
            process(20, 1));

    assertThat(ProcStat.tree(10, all)).containsExactlyInAnyOrder(10L, 11L, 12L, 13L);
    assertThat(ProcStat.tree(20, all)).containsExactly(20L);
  }

  @Test
  void shouldReadTheResidentSetFromAStatusText() {
    String status = "Name:\tjava\nVmPeak:\t 4000000 kB\nVmHWM:\t  400000 kB\nVmRSS:\t  262144 kB\n";

    assertThat(ProcStat.residentKilobytes(status)).isEqualTo(262_144);
    assertThat(ProcStat.residentKilobytes("Name:\tkthreadd\n")).isZero();
  }

  private static ProcStat process(long pid, long parent) {
    return new ProcStat(pid, parent, 0, 0, 0, 0);
  }
}
