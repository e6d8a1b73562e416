package io.scanflow.devstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The TCP ports of the dev stack; checked all at once before anything starts. */
public record StackPorts(
    int ingest,
    int reports,
    int dedupe,
    int attribution,
    int kafka,
    int kafkaController,
    int postgres,
    int control) {

  /** The defaults of docs and README: services on 8080-8083, Kafka on 9092. */
  public static StackPorts defaults() {
    return new StackPorts(8080, 8081, 8082, 8083, 9092, 9093, 15432, 8089);
  }

  /** Ports that are free right now (for tests that run next to each other). */
  public static StackPorts free() {
    return new StackPorts(
        freePort(),
        freePort(),
        freePort(),
        freePort(),
        freePort(),
        freePort(),
        freePort(),
        freePort());
  }

  /** Port number by role, in start order; used for the check and the error message. */
  public Map<String, Integer> byRole() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put("kafka", kafka);
    ports.put("kafka-controller", kafkaController);
    ports.put("postgres", postgres);
    ports.put("ingest-api", ingest);
    ports.put("reports-sink", reports);
    ports.put("dedupe-stream", dedupe);
    ports.put("attribution-stream", attribution);
    ports.put("control", control);
    return ports;
  }

  /** Throws with every taken port named, so the user can fix them all in one go. */
  public void requireFree() {
    List<String> taken = new ArrayList<>();
    byRole()
        .forEach(
            (role, port) -> {
              if (!isFree(port)) {
                taken.add(role + " port " + port);
              }
            });
    if (!taken.isEmpty()) {
      throw new IllegalStateException(
          "Port(s) already in use: "
              + String.join(", ", taken)
              + ". Stop whatever uses them (is another ./scanflow up running?) or choose other"
              + " ports, e.g. --ingest-port=18080 (see ./scanflow --help).");
    }
  }

  static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      // As the servers themselves do: connections of a stack that just stopped (TIME_WAIT) must
      // not count as "in use", only a listener does.
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress("0.0.0.0", port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("No free port", e);
    }
  }
}
