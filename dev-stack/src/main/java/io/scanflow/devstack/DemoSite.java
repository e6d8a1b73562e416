package io.scanflow.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The demo tracking site: created through the admin API on first start, then reused. */
public record DemoSite(String siteId, String apiKey) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PREFERRED_ID = "demo-shop";

  /**
   * Reads the saved demo site, or creates one ({@code POST /admin/sites}) and saves it; the file
   * holds the site's API key, so it is the owner's only (0600).
   */
  public static DemoSite loadOrCreate(Path file, String ingestUrl, String adminToken) {
    try {
      if (Files.exists(file)) {
        OwnerOnly.restrictFile(file);
        JsonNode saved = JSON.readTree(file.toFile());
        return new DemoSite(saved.path("site_id").asText(), saved.path("api_key").asText());
      }
      DemoSite site = create(ingestUrl, adminToken);
      OwnerOnly.write(
          file,
          JSON.writerWithDefaultPrettyPrinter()
              .writeValueAsString(Map.of("site_id", site.siteId(), "api_key", site.apiKey())));
      return site;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create the demo site", e);
    }
  }

  private static DemoSite create(String ingestUrl, String adminToken) throws IOException {
    HttpResponse<String> response =
        post(ingestUrl, adminToken, Map.of("name", "Demo shop", "site_id", PREFERRED_ID));
    if (response.statusCode() != 201) {
      // e.g. demo-shop exists from an earlier run whose saved key was lost: take a new id.
      response = post(ingestUrl, adminToken, Map.of("name", "Demo shop"));
    }
    if (response.statusCode() != 201) {
      throw new IllegalStateException(
          "POST /admin/sites answered " + response.statusCode() + ": " + response.body());
    }
    JsonNode created = JSON.readTree(response.body());
    return new DemoSite(
        created.path("site_id").asText(), created.path("api_key").path("key").asText());
  }

  private static HttpResponse<String> post(String ingestUrl, String token, Map<String, ?> body)
      throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(ingestUrl + "/admin/sites"))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build();
    try {
      return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted", e);
    }
  }
}
