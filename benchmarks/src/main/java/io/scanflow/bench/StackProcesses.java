package io.scanflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The processes of the running dev stack by name (kafka, postgres, ingest-api, dedupe-stream,
 * attribution-stream, reports-sink) and their pids: from the supervisor's {@code GET /status}, or,
 * where it does not answer, from the pid files in {@code HOME/run/} (which have no postgres).
 */
final class StackProcesses {
  /** The benchmark runner itself: it shares the cores with what it measures. */
  static final String RUNNER = "runner";

  private static final ObjectMapper JSON = new ObjectMapper();

  private StackProcesses() {}

  /** The stack's processes in the supervisor's order, then the runner. */
  static Map<String, Long> find(Stack stack) throws InterruptedException {
    Map<String, Long> pids = new LinkedHashMap<>();
    try {
      pids.putAll(fromControl(stack));
    } catch (IOException | RuntimeException e) {
      System.out.println(
          "   (control endpoint unreadable: " + e.getMessage() + "; using pid files)");
      pids.putAll(fromPidFiles(stack.home().resolve("run")));
    }
    pids.put(RUNNER, ProcessHandle.current().pid());
    return pids;
  }

  private static Map<String, Long> fromControl(Stack stack)
      throws IOException, InterruptedException {
    if (stack.controlUrl() == null) {
      throw new IOException("dev-stack.json has no control_url");
    }
    HttpRequest request =
        HttpRequest.newBuilder(stack.controlUrl().resolve("/status"))
            .timeout(Duration.ofSeconds(5))
            .header("Authorization", "Bearer " + stack.adminToken())
            .GET()
            .build();
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET /status answered " + response.statusCode());
    }
    return parseStatus(response.body());
  }

  /** {@code {"processes": [{"name", "pid", ...}]}}; a process with no pid (-1) is left out. */
  static Map<String, Long> parseStatus(String body) throws IOException {
    Map<String, Long> pids = new LinkedHashMap<>();
    for (JsonNode process : JSON.readTree(body).path("processes")) {
      long pid = process.path("pid").asLong(-1);
      if (pid > 0) {
        pids.put(process.path("name").asText(), pid);
      }
    }
    return pids;
  }

  private static Map<String, Long> fromPidFiles(Path dir) {
    Map<String, Long> pids = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".pid")).sorted().toList()) {
        pids.put(
            file.getFileName().toString().replace(".pid", ""),
            Long.parseLong(Files.readString(file).trim()));
      }
    } catch (IOException | NumberFormatException e) {
      System.out.println("   (no pid files in " + dir + ": CPU and memory are not measured)");
    }
    return pids;
  }
}
