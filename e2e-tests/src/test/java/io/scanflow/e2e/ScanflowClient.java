package io.scanflow.e2e;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.scanflow.devstack.StackInfo;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** HTTP calls as a client of Scanflow makes them (curl-like: no JSON content type needed). */
final class ScanflowClient {
  /** Reads amounts exactly, and numbers of any length as the reports may hold them. */
  static final ObjectMapper JSON =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNumberLength(Integer.MAX_VALUE).build())
                  .build())
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .build();

  /** Writes non-ASCII characters as JSON escapes, so that even a lone surrogate gets across. */
  private static final ObjectWriter ESCAPED = JSON.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final StackInfo stack;

  ScanflowClient(StackInfo stack) {
    this.stack = stack;
  }

  /** An HTTP answer with its body parsed as JSON (or null). */
  record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    /** A trace of an event that is final and counted (not one still pending its session). */
    boolean isStored() {
      return status == 200 && body != null && "stored".equals(body.path("stage").asText());
    }
  }

  Answer postEvent(String apiKey, Object event) {
    return post(stack.ingestUrl() + "/server-events", apiKey, event);
  }

  Answer postScanSession(String apiKey, Object session) {
    return post(stack.ingestUrl() + "/scan-sessions", apiKey, session);
  }

  Answer postBatch(String apiKey, List<?> events) {
    return post(stack.ingestUrl() + "/server-events/batch", apiKey, Map.of("events", events));
  }

  Answer validate(String apiKey, Object event) {
    return post(stack.ingestUrl() + "/server-events/validate", apiKey, event);
  }

  Answer post(String url, String apiKey, Object body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(json(body)));
    if (apiKey != null) {
      request.header("X-API-Key", apiKey);
    }
    return send(request.build());
  }

  /** Creates a site through the admin API; returns its id and API key. */
  Map.Entry<String, String> createSite(String name) {
    return createSite(name, null);
  }

  /** Creates a site with the given site_id (null: derived from the name). */
  Map.Entry<String, String> createSite(String name, String siteId) {
    Map<String, Object> body = new HashMap<>(Map.of("name", name));
    if (siteId != null) {
      body.put("site_id", siteId);
    }
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(stack.ingestUrl() + "/admin/sites"))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + stack.adminToken())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json(body)))
            .build();
    Answer created = send(request);
    if (created.status() != 201) {
      throw new AssertionError("POST /admin/sites answered " + created.status());
    }
    return Map.entry(
        created.body().path("site_id").asText(),
        created.body().path("api_key").path("key").asText());
  }

  /** Revokes a key through the admin API ({@code DELETE /admin/api-keys/{key_id}}). */
  Answer revokeKey(String keyId) {
    return send(
        HttpRequest.newBuilder(URI.create(stack.ingestUrl() + "/admin/api-keys/" + keyId))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + stack.adminToken())
            .DELETE()
            .build());
  }

  /** The id of the first key of a site, from {@code GET /admin/sites}. */
  String keyIdOf(String siteId) {
    Answer sites =
        send(
            HttpRequest.newBuilder(URI.create(stack.ingestUrl() + "/admin/sites"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + stack.adminToken())
                .GET()
                .build());
    for (JsonNode site : sites.body()) {
      if (siteId.equals(site.path("site_id").asText())) {
        return site.path("api_keys").path(0).path("key_id").asText();
      }
    }
    throw new AssertionError("site " + siteId + " not in GET /admin/sites: " + sites.body());
  }

  /** GET on the reports API with the admin token. */
  Answer reports(String path) {
    return send(
        HttpRequest.newBuilder(URI.create(stack.reportsUrl() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + stack.adminToken())
            .GET()
            .build());
  }

  /** GET on the reports API with a site's own API key, as that site's integrators call it. */
  Answer siteReports(String apiKey, String path) {
    return send(
        HttpRequest.newBuilder(URI.create(stack.reportsUrl() + path))
            .timeout(Duration.ofSeconds(30))
            .header("X-API-Key", apiKey)
            .GET()
            .build());
  }

  /** One URL path segment: every byte of the UTF-8 form but the unreserved ones %-encoded. */
  static String pathSegment(String text) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        encoded.append(c);
      } else {
        encoded.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return encoded.toString();
  }

  /** JSON text with non-ASCII escaped: how a client gets a lone surrogate across as such. */
  static String escapedJson(Object body) {
    try {
      return ESCAPED.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static String json(Object body) {
    try {
      return body instanceof String text ? text : JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static Answer send(HttpRequest request) {
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode body = null;
      if (!response.body().isBlank()) {
        try {
          body = JSON.readTree(response.body());
        } catch (IOException notJson) {
          body = JSON.getNodeFactory().textNode(response.body());
        }
      }
      return new Answer(response.statusCode(), body, response);
    } catch (IOException e) {
      throw new AssertionError(request.method() + " " + request.uri() + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
