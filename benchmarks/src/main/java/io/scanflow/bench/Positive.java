package io.scanflow.bench;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The one check picocli's types leave to us: counts, rates and sizes of at least 1. */
final class Positive {
  private Positive() {}

  static void require(CommandSpec spec, String names, List<? extends Number> values) {
    if (values.stream().anyMatch(value -> value.longValue() < 1)) {
      throw new ParameterException(spec.commandLine(), names + ": values must be at least 1");
    }
  }
}
