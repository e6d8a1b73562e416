package io.scanflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The running dev stack, as {@code ./scanflow up} describes it in {@code dev-stack.json} in its
 * {@code home}; {@code controlUrl} (the supervisor's endpoint) is null where the file has none.
 * Every address must be on this machine: the benchmarks never send load anywhere else.
 */
public record Stack(
    URI ingestUrl,
    URI reportsUrl,
    String adminToken,
    String kafkaBootstrap,
    String siteId,
    String apiKey,
    URI controlUrl,
    Path home) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads {@code HOME/dev-stack.json} and refuses any address that is not loopback. */
  public static Stack read(Path home) throws IOException {
    Path file = home.resolve("dev-stack.json");
    if (!Files.exists(file)) {
      throw new IllegalStateException(
          file + " not found: start the stack first (./scanflow up --home=" + home + " ...)");
    }
    JsonNode json = JSON.readTree(file.toFile());
    Stack stack =
        new Stack(
            URI.create(json.path("ingest_url").asText()),
            URI.create(json.path("reports_url").asText()),
            json.path("admin_token").asText(),
            json.path("kafka_bootstrap").asText(),
            json.path("demo").path("site_id").asText(),
            json.path("demo").path("api_key").asText(),
            json.hasNonNull("control_url") ? URI.create(json.path("control_url").asText()) : null,
            home);
    requireLoopback(stack.ingestUrl().getHost());
    requireLoopback(stack.reportsUrl().getHost());
    if (stack.controlUrl() != null) {
      requireLoopback(stack.controlUrl().getHost());
    }
    for (String server : stack.kafkaBootstrap().split(",")) {
      requireLoopback(server.substring(0, server.lastIndexOf(':')));
    }
    return stack;
  }

  static void requireLoopbackUnchecked(String host) {
    try {
      requireLoopback(host);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot resolve " + host, e);
    }
  }

  static void requireLoopback(String host) throws IOException {
    for (InetAddress address : InetAddress.getAllByName(host)) {
      if (!address.isLoopbackAddress()) {
        throw new IllegalArgumentException(
            "Refusing to benchmark " + host + ": only addresses on this machine (loopback)");
      }
    }
  }
}
