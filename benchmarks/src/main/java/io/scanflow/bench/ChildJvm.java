package io.scanflow.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A Java process on the runner's own class path: the bare endpoint and Kafka's perf tool. */
final class ChildJvm {
  private ChildJvm() {}

  /**
   * Starts {@code mainClass} with the memory settings the dev stack gives every JVM (a 32 MB heap
   * growing to {@code heap}, the serial collector), so that a ceiling runs under the same rules as
   * the service it is compared with.
   */
  static Process start(String heap, String mainClass, List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xms32m", "-Xmx" + heap, "-XX:+UseSerialGC"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(args);
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  static BufferedReader output(Process process) {
    return new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }
}
