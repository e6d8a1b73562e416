package io.scanflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The results: one row per benchmark with its ceiling and ratio, printed and as markdown. */
final class ResultsTable {
  /** One benchmark's figures, as text cells. */
  record Row(String benchmark, String result, String ceiling, String ratio, String notes) {}

  private final List<Row> rows = new ArrayList<>();
  private final List<String> conditions = new ArrayList<>();

  void add(Row row) {
    rows.add(row);
    System.out.println();
    System.out.println("== " + row.benchmark());
    System.out.println("   result:  " + row.result());
    System.out.println("   ceiling: " + row.ceiling());
    System.out.println("   ratio:   " + row.ratio());
    System.out.println("   notes:   " + row.notes());
  }

  void condition(String line) {
    conditions.add(line);
    System.out.println("-- " + line);
  }

  String markdown() {
    StringBuilder out = new StringBuilder();
    for (String line : conditions) {
      out.append("- ").append(line).append('\n');
    }
    out.append('\n')
        .append("| benchmark | result | ceiling (same run) | ratio | notes |\n")
        .append("|---|---|---|---|---|\n");
    for (Row row : rows) {
      out.append("| ")
          .append(
              String.join(
                  " | ", row.benchmark(), row.result(), row.ceiling(), row.ratio(), row.notes()))
          .append(" |\n");
    }
    return out.toString();
  }

  void print() {
    System.out.println();
    System.out.println("==================== RESULTS ====================");
    System.out.print(markdown());
  }

  void write(Path file) throws IOException {
    write(file, markdown());
  }

  /** Writes {@code markdown} to {@code file}, creating its folder, and says so. */
  static void write(Path file, String markdown) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Files.writeString(file, markdown);
    System.out.println("Results written to " + file);
  }
}
