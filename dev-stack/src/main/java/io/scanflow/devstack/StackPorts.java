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

  /**
   * Ports that are free right now (for tests that run next to each other), each also with the ports
   * of a 3rd broker or instance ({@link StackScale#port}) free.
   */
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

  /** Port number by role, in start order, for one broker and one instance of everything. */
  public Map<String, Integer> byRole() {
    return byRole(StackScale.SINGLE);
  }

  /** Port number by role ({@code kafka-2}, {@code ingest-api-2}, ...), in start order. */
  public Map<String, Integer> byRole(StackScale scale) {
    Map<String, Integer> ports = new LinkedHashMap<>();
    for (int n = 1; n <= scale.brokers(); n++) {
      ports.put(StackScale.name("kafka", n), StackScale.port(kafka, n));
      ports.put(StackScale.name("kafka-controller", n), StackScale.port(kafkaController, n));
    }
    ports.put("postgres", postgres);
    Map<String, Integer> services = new LinkedHashMap<>();
    services.put("ingest-api", ingest);
    services.put("reports-sink", reports);
    services.put("dedupe-stream", dedupe);
    services.put("attribution-stream", attribution);
    for (int n = 1; n <= scale.instances(); n++) {
      int instance = n;
      services.forEach(
          (name, port) ->
              ports.put(StackScale.name(name, instance), StackScale.port(port, instance)));
    }
    ports.put("control", control);
    return ports;
  }

  /** Throws with every taken port named, so the user can fix them all in one go. */
  public void requireFree() {
    requireFree(StackScale.SINGLE);
  }

  /** The same, for every broker and instance of {@code scale}. */
  public void requireFree(StackScale scale) {
    List<String> taken = new ArrayList<>();
    byRole(scale)
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
    while (true) {
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      } catch (IOException e) {
        throw new IllegalStateException("No free port", e);
      }
      if (port + 2 * StackScale.PORT_STEP <= 65535
          && isFree(StackScale.port(port, 2))
          && isFree(StackScale.port(port, 3))) {
        return port;
      }
    }
  }
}
