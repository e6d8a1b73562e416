package io.scanflow.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** The capacity run as markdown: the headline, one row per step, resources, and the overload. */
final class CapacityTable {
  private CapacityTable() {}

  static String markdown(
      CapacitySearch.Outcome outcome,
      Optional<CapacitySearch.Judged> overload,
      Duration answerDeadline) {
    StringBuilder out = new StringBuilder();
    out.append(headline(outcome)).append("\n\n");
    out.append(latencies(outcome.steps())).append('\n');
    List<String> processes = processes(outcome.steps());
    if (!processes.isEmpty()) {
      out.append("CPU seconds per 10,000 accepted events, by process (its /proc tree):\n\n");
      out.append(perProcess(outcome.steps(), processes, CapacityTable::cpuPer10k)).append('\n');
      out.append("Peak resident memory (sampled VmRSS of its /proc tree, MiB):\n\n");
      out.append(perProcess(outcome.steps(), processes, CapacityTable::peakRss)).append('\n');
    }
    overload.ifPresent(step -> out.append(overloadTable(step, answerDeadline)).append('\n'));
    return out.toString();
  }

  static String headline(CapacitySearch.Outcome outcome) {
    List<CapacitySearch.Judged> steps = outcome.steps();
    CapacitySearch.Judged last = steps.get(steps.size() - 1);
    String capacity =
        outcome.capacity().isPresent()
            ? "**Capacity: " + Format.rate(outcome.capacity().getAsInt()) + " events/s**"
            : "**Capacity: below " + Format.rate(steps.get(0).figures().rate()) + " events/s**";
    return last.passed()
        ? capacity + " (every step passed; raise --max-rate to look further)"
        : capacity
            + " ("
            + Format.rate(last.figures().rate())
            + " events/s failed: "
            + String.join("; ", last.failures())
            + ")";
  }

  private static String latencies(List<CapacitySearch.Judged> steps) {
    List<List<String>> rows = new ArrayList<>();
    for (CapacitySearch.Judged step : steps) {
      StepFigures f = step.figures();
      rows.add(
          List.of(
              Format.rate(f.rate()),
              Format.rate(f.sentPerSecond()),
              count(f.accepted()),
              count(f.status(503)),
              count(f.otherStatuses() + f.noAnswer()),
              Format.millis(f.answerP99Ms()),
              Format.millis(f.sendToVisibleP50Ms()),
              Format.millis(f.sendToVisibleP99Ms()),
              Format.millis(f.acceptToVisibleP99Ms()),
              Format.rate(f.lookupsPerSecond()),
              count(f.missing()),
              step.passed() ? "pass" : "FAIL"));
    }
    return table(
        List.of(
            "rate (events/s)",
            "sent/s",
            "200",
            "503",
            "other / no answer",
            "ingest answer p99 (ms)",
            "send→visible p50 (ms)",
            "send→visible p99 (ms)",
            "200→visible p99 (ms)",
            "lookups/s",
            "missing",
            "p99 ≤ 2 s, none missing"),
        rows);
  }

  private static List<String> processes(List<CapacitySearch.Judged> steps) {
    return steps.isEmpty() ? List.of() : List.copyOf(steps.get(0).figures().resources().keySet());
  }

  private static String perProcess(
      List<CapacitySearch.Judged> steps,
      List<String> processes,
      Function<StepFigures, Function<String, String>> cell) {
    List<String> header = new ArrayList<>();
    header.add("rate (events/s)");
    header.addAll(processes);
    List<List<String>> rows = new ArrayList<>();
    for (CapacitySearch.Judged step : steps) {
      List<String> row = new ArrayList<>();
      row.add(Format.rate(step.figures().rate()));
      processes.forEach(process -> row.add(cell.apply(step.figures()).apply(process)));
      rows.add(row);
    }
    return table(header, rows);
  }

  private static Function<String, String> cpuPer10k(StepFigures f) {
    return process -> {
      ResourceMonitor.Usage usage = f.resources().get(process);
      if (usage == null || usage.cpuSeconds().isEmpty() || f.accepted() == 0) {
        return "n/a";
      }
      return String.format(Locale.ROOT, "%.2f", usage.cpuSeconds().get() * 10_000 / f.accepted());
    };
  }

  private static Function<String, String> peakRss(StepFigures f) {
    return process -> {
      ResourceMonitor.Usage usage = f.resources().get(process);
      return usage == null ? "n/a" : Long.toString(usage.peakRssMib());
    };
  }

  private static String overloadTable(CapacitySearch.Judged step, Duration deadline) {
    StepFigures f = step.figures();
    List<String> atIngest = Verdicts.overloadAtIngest(f, deadline);
    String header =
        String.format(
            "Overload at %s events/s (1.5 × capacity): ingest answers%n%n", Format.rate(f.rate()));
    return header
        + table(
            List.of(
                "sent",
                "200",
                "503 with Retry-After",
                "503 without",
                "500",
                "other",
                "no answer",
                "answer p50 / p99 / max (ms)",
                "later than " + deadline.toMillis() + " ms",
                "verdict",
                "waiting for a connection p99 (ms)",
                "from the connection: p99 / max (ms)",
                "later than " + deadline.toMillis() + " ms from the connection",
                "verdict on ingest's own answers"),
            List.of(
                List.of(
                    count(f.sent()),
                    count(f.accepted()),
                    count(f.status(503) - f.unavailableWithoutRetryAfter()),
                    count(f.unavailableWithoutRetryAfter()),
                    count(f.status(500)),
                    count(f.otherStatuses() - f.status(500)),
                    count(f.noAnswer()),
                    Format.millis(f.answerP50Ms())
                        + " / "
                        + Format.millis(f.answerP99Ms())
                        + " / "
                        + Format.millis(f.answerMaxMs()),
                    count(f.lateAnswers()),
                    step.passed() ? "honest" : "FAIL: " + String.join("; ", step.failures()),
                    Format.millis(f.atIngest().connectionWaitP99Ms()),
                    Format.millis(f.atIngest().answerP99Ms())
                        + " / "
                        + Format.millis(f.atIngest().answerMaxMs()),
                    count(f.atIngest().lateAnswers()),
                    atIngest.isEmpty() ? "honest" : "FAIL: " + String.join("; ", atIngest))));
  }

  private static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  static String table(List<String> header, List<List<String>> rows) {
    StringBuilder out = new StringBuilder();
    out.append("| ").append(String.join(" | ", header)).append(" |\n");
    out.append("|").append("---|".repeat(header.size())).append('\n');
    for (List<String> row : rows) {
      out.append("| ").append(String.join(" | ", row)).append(" |\n");
    }
    return out.toString();
  }
}
