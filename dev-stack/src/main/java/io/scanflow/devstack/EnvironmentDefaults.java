package io.scanflow.devstack;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every single-valued option of {@code ./scanflow} can also be set in the environment: {@code
 * --ingest-port} as {@code SCANFLOW_DEV_INGEST_PORT}. The command line wins; a flag is on when its
 * variable is set to anything but {@code false}.
 */
record EnvironmentDefaults(Map<String, String> env) implements IDefaultValueProvider {
  static final String PREFIX = "SCANFLOW_DEV_";

  /** The rule, for the help. */
  static final String NOTE =
      "Each option but --set is also an environment variable "
          + PREFIX
          + "<NAME>: "
          + PREFIX
          + "INGEST_PORT=18080 is --ingest-port=18080. The command line wins.";

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option)
        || option.usageHelp()
        || option.versionHelp()
        || option.typeInfo().isMultiValue()) {
      return null;
    }
    String value = env.get(variable(option));
    if (value == null || !option.typeInfo().isBoolean()) {
      return value;
    }
    return Boolean.toString(!value.equalsIgnoreCase("false"));
  }

  /** {@code --kafka-controller-port}: {@code SCANFLOW_DEV_KAFKA_CONTROLLER_PORT}. */
  static String variable(OptionSpec option) {
    return PREFIX
        + option.longestName().replaceFirst("^--", "").replace('-', '_').toUpperCase(Locale.ROOT);
  }
}
