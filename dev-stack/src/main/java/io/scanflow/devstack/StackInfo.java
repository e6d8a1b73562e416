package io.scanflow.devstack;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * What a running dev stack tells its user: printed on start and written to dev-stack.json. {@code
 * ingest_urls} and {@code reports_urls} list every instance ({@code --instances}); the first of
 * each is also {@code ingest_url} and {@code reports_url}.
 */
public record StackInfo(
    @JsonProperty("ingest_url") String ingestUrl,
    @JsonProperty("reports_url") String reportsUrl,
    @JsonProperty("dashboard_url") String dashboardUrl,
    @JsonProperty("admin_token") String adminToken,
    @JsonProperty("kafka_bootstrap") String kafkaBootstrap,
    @JsonProperty("jdbc_url") String jdbcUrl,
    @JsonProperty("jdbc_user") String jdbcUser,
    @JsonProperty("jdbc_password") String jdbcPassword,
    @JsonProperty("control_url") String controlUrl,
    @JsonProperty("logs_dir") String logsDir,
    @JsonProperty("bind_address") String bindAddress,
    @JsonProperty("demo") Demo demo,
    @JsonProperty("ingest_urls") List<String> ingestUrls,
    @JsonProperty("reports_urls") List<String> reportsUrls) {

  public StackInfo {
    ingestUrls = ingestUrls == null ? List.of(ingestUrl) : List.copyOf(ingestUrls);
    reportsUrls = reportsUrls == null ? List.of(reportsUrl) : List.copyOf(reportsUrls);
  }

  /** The demo site as written under {@code demo}. */
  public record Demo(
      @JsonProperty("site_id") String siteId, @JsonProperty("api_key") String apiKey) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  public static StackInfo read(Path file) {
    try {
      return JSON.readValue(file.toFile(), StackInfo.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Written 0600: it holds the admin token and the demo API key. */
  public void write(Path file) {
    try {
      OwnerOnly.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The URLs of instance 2 and up, one a line under the first one's. */
  private static String moreInstances(List<String> urls) {
    StringBuilder lines = new StringBuilder();
    for (String url : urls.subList(1, urls.size())) {
      lines.append("\n                ").append(url);
    }
    return lines.toString();
  }

  private String loadBalancerHint() {
    if (ingestUrls.size() == 1) {
      return "";
    }
    return String.format(
        """

          %d instances of each service. Clients should reach them through a load balancer:
          one in front of the ingest URLs, one in front of the reports URLs (sticky per
          client: a dashboard login lives on one instance). An nginx config for this stack
          is in docs/deploy.md ("Several instances"). Kill any one instance or broker:
          nothing is lost.
        """,
        ingestUrls.size());
  }

  /**
   * The message printed when everything is ready, with curls that work as pasted; it names where
   * {@code home} keeps dev-stack.json and the data ({@code --home} moves both).
   */
  public String banner(StackHome home) {
    String session = UUID.randomUUID().toString();
    return String.format(
        """

        Scanflow dev stack is ready.

          Dashboard     %s   (log in with the admin token)
          Ingest API    %s   (Swagger UI: %s/q/swagger-ui)%s
          Reports API   %s%s
          Admin token   %s
          Demo site     %s
          Demo API key  %s
          Kafka         %s
          PostgreSQL    %s   (user %s, password %s)
          Logs          %s
          Listening on  %s   (%s)
        %s
        Try it: a QR code is scanned, then the visitor buys something.

        curl -sS -w '\\n' %s/scan-sessions -H 'X-API-Key: %s' \\
          -d '{"site_id": "%s", "scan_session_id": "%s", "qr_code_id": "poster-42", "campaign": "launch"}'

        curl -sS -w '\\n' %s/server-events -H 'X-API-Key: %s' \\
          -d '{"site_id": "%s", "event_name": "purchase", "event_id": "%s", "scan_session_id": "%s", "conversion_value": {"amount": 49.90, "currency": "EUR"}}'

        Then open the dashboard (Integrations -> Conversion Tracking -> %s).
        Connection details are in %s. Ctrl-C stops everything; data stays in %s.
        """,
        dashboardUrl,
        ingestUrl,
        ingestUrl,
        moreInstances(ingestUrls),
        reportsUrl,
        moreInstances(reportsUrls),
        adminToken,
        demo.siteId(),
        demo.apiKey(),
        kafkaBootstrap,
        jdbcUrl,
        jdbcUser,
        jdbcPassword,
        logsDir,
        bindAddress,
        new BindAddress(bindAddress).isLoopback()
            ? "this machine only; see ./scanflow --help for --bind"
            : "other machines can connect too: --bind",
        loadBalancerHint(),
        ingestUrl,
        demo.apiKey(),
        demo.siteId(),
        session,
        ingestUrl,
        demo.apiKey(),
        demo.siteId(),
        UUID.randomUUID(),
        session,
        demo.siteId(),
        home.infoFile(),
        home.data());
  }
}
