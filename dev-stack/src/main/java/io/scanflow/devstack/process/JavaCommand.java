package io.scanflow.devstack.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds {@code java ...} command lines with the JVM that runs the supervisor. */
public final class JavaCommand {
  private JavaCommand() {}

  public static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** {@code java <jvmOptions> <rest>}. */
  public static List<String> of(List<String> jvmOptions, List<String> rest) {
    List<String> command = new ArrayList<>();
    command.add(javaBinary());
    command.addAll(jvmOptions);
    command.addAll(rest);
    return command;
  }
}
