package io.scanflow.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Checks before the run (the rate limit is high enough) and the scan sessions events refer to. */
final class BenchSetup {
  /** Below this the benchmarks would measure the rate limiter, not the pipeline. */
  static final long MIN_RATE_LIMIT = 1_000_000;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Stack stack;

  BenchSetup(Stack stack) {
    this.stack = stack;
  }

  /** Creates scan sessions (as the QR redirect service would) and returns their ids. */
  List<String> createScanSessions(int count) throws IOException, InterruptedException {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = UUID.randomUUID().toString();
      String body =
          String.format(
              "{\"scan_session_id\":\"%s\",\"site_id\":\"%s\",\"qr_code_id\":\"poster-%d\","
                  + "\"campaign\":\"benchmark\"}",
              id, stack.siteId(), i % 10);
      HttpResponse<String> response = post("/scan-sessions", body);
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "POST /scan-sessions answered " + response.statusCode() + ": " + response.body());
      }
      if (i == 0) {
        requireHighRateLimit(response, "SCANFLOW_RATE_LIMIT_REQUESTS_PER_MINUTE");
        // Followed events are looked up many times a second on the reports API, which has a
        // per-caller limit of its own: a low one would be measured as events not yet visible.
        requireHighRateLimit(
            getReports("/api/sites/" + stack.siteId() + "/summary"),
            "SCANFLOW_REPORTS_RATE_LIMIT_REQUESTS_PER_MINUTE");
      }
      ids.add(id);
    }
    return ids;
  }

  /** One batch, to check that the bodies are valid: every event must be accepted. */
  void requireBatchAccepted(String batch, int size) throws IOException, InterruptedException {
    HttpResponse<String> response = post("/server-events/batch", batch);
    if (response.statusCode() != 200 || !response.body().contains("\"accepted\":" + size)) {
      throw new IllegalStateException(
          "A benchmark batch was not fully accepted: "
              + response.statusCode()
              + " "
              + response.body().substring(0, Math.min(500, response.body().length())));
    }
  }

  private static void requireHighRateLimit(HttpResponse<String> response, String setting) {
    // The header may carry a policy after the number ("1000, 1000;w=60"): take the number.
    long limit =
        response
            .headers()
            .firstValue("RateLimit-Limit")
            .map(value -> value.replaceFirst("^\\s*(\\d+).*$", "$1"))
            .filter(value -> value.matches("\\d+"))
            .map(Long::parseLong)
            .orElse(-1L);
    if (limit >= 0 && limit < MIN_RATE_LIMIT) {
      throw new IllegalStateException(
          "The stack's rate limit at "
              + response.uri().getPath()
              + " is "
              + limit
              + " requests/min: the benchmarks would measure 429s. Start it with"
              + " ./scanflow up --set="
              + setting
              + "=100000000 (see docs/benchmarks.md)");
    }
  }

  private HttpResponse<String> getReports(String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(stack.reportsUrl().resolve(path))
            .timeout(Duration.ofSeconds(10))
            .header("X-API-Key", stack.apiKey())
            .GET()
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body)
      throws IOException, InterruptedException {
    URI uri = stack.ingestUrl().resolve(path);
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(10))
            .header("X-API-Key", stack.apiKey())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
