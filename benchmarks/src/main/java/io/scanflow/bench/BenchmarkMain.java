package io.scanflow.bench;

import java.time.Duration;
import picocli.CommandLine;

/** {@code benchmarks/run}: the suite (see {@link BenchOptions}) and {@code capacity}. */
public final class BenchmarkMain {
  private BenchmarkMain() {}

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with its subcommands and the duration type ({@code 30s}, {@code 250ms}). */
  static CommandLine commandLine() {
    return new CommandLine(new BenchOptions())
        .registerConverter(Duration.class, new DurationConverter());
  }
}
