package io.scanflow.ingest.it;

import static io.restassured.RestAssured.given;
import static io.scanflow.ingest.validation.EventJson.anEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.scanflow.contract.ContractJson;
import io.scanflow.contract.Topics;
import io.scanflow.ingest.it.Sites.SiteWithKey;
import io.scanflow.ingest.overload.LoadShedding;
import io.scanflow.testsupport.InjectKafka;
import io.scanflow.testsupport.KafkaTestCluster;
import io.scanflow.testsupport.KafkaTestResource;
import io.scanflow.testsupport.TopicRecords;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Load shedding (io.scanflow.ingest.overload): with room for one event request at a time, a request
 * that arrives while another is in progress is answered 503 with Retry-After at once, on a
 * keep-alive connection that then goes on serving. The request in progress is held open by sending
 * its headers and only later its body, over raw sockets; the metrics say when it holds the place.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@TestProfile(LoadSheddingIT.OneAtATime.class)
class LoadSheddingIT {

  /** The limit can neither fall below nor rise above one request in progress. */
  public static class OneAtATime implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "scanflow.overload.min-concurrency", "1", "scanflow.overload.max-concurrency", "1");
    }
  }

  @TestHTTPResource("/")
  URL root;

  @InjectKafka KafkaTestCluster kafka;

  @Test
  void shouldAnswer503WithRetryAfterAtOnceWhileTheLimitIsTakenAndServeAgainAfterwards()
      throws IOException {
    SiteWithKey site = Sites.newSite();
    byte[] event = anEvent().with("site_id", site.siteId()).text().getBytes(StandardCharsets.UTF_8);

    try (Socket other = connect();
        Socket holder = holdThePlace(site, event)) {
      long start = System.nanoTime();
      Answer shed = exchange(other, "/server-events/batch", site.key(), event);
      long tookMillis = (System.nanoTime() - start) / 1_000_000;
      assertThat(shed.status()).isEqualTo(503);
      assertThat(shed.headers()).containsEntry("retry-after", "1");
      assertThat(shed.headers().get("content-type")).startsWith("application/json");
      assertThat(shed.body()).isEqualTo("{\"detail\":\"" + LoadShedding.AT_CAPACITY + "\"}");
      assertThat(tookMillis).as("answered without waiting for anything").isLessThan(2_000);

      OutputStream held = holder.getOutputStream();
      held.write(event);
      held.flush();
      Answer accepted = read(holder.getInputStream());
      assertThat(accepted.status()).isEqualTo(200);
      assertThat(accepted.body()).contains("\"status\":\"accepted\"");

      awaitInProgress(0);
      assertThat(exchange(other, "/server-events", site.key(), event).status())
          .as("the keep-alive connection that got the 503 serves again once the place is free")
          .isEqualTo(200);
    }
    assertThat(given().get("/q/metrics").asString().lines())
        .as("what the limit follows is on the metrics")
        .anyMatch(line -> line.startsWith("scanflow_ingest_admission_answer_time_seconds "));
  }

  @Test
  void shouldShowTheSiteWhoseRequestWasShedA503InItsRejectionLog() throws IOException {
    SiteWithKey site = Sites.newSite();
    byte[] event = anEvent().with("site_id", site.siteId()).text().getBytes(StandardCharsets.UTF_8);

    try (Socket other = connect();
        Socket holder = holdThePlace(site, event)) {
      assertThat(exchange(other, "/server-events/batch", site.key(), event).status())
          .isEqualTo(503);
      assertThat(exchange(other, "/server-events", "sf_live_unknown", event).status())
          .as("a key that is not a site's is shed as well, and recorded nowhere")
          .isEqualTo(503);
      holder.getOutputStream().write(event);
      holder.getOutputStream().flush();
      assertThat(read(holder.getInputStream()).status()).isEqualTo(200);
    }

    List<ConsumerRecord<byte[], byte[]>> rejections =
        TopicRecords.readUntil(
                kafka,
                Topics.REQUEST_REJECTIONS.name(),
                records ->
                    records.stream().anyMatch(r -> site.siteId().equals(ServerEventsIT.keyOf(r))),
                Duration.ofSeconds(15))
            .stream()
            .filter(r -> site.siteId().equals(ServerEventsIT.keyOf(r)))
            .toList();
    assertThat(rejections).hasSize(1);
    JsonNode rejection = ContractJson.mapper().readTree(rejections.get(0).value());
    assertThat(rejection.get("status").asInt()).isEqualTo(503);
    assertThat(rejection.get("endpoint").asText()).isEqualTo("/server-events/batch");
    assertThat(rejection.get("detail").asText()).isEqualTo(LoadShedding.AT_CAPACITY);
    assertThat(rejection.path("event_id").textValue()).as("the body was never read").isNull();
  }

  @Test
  void shouldFreeThePlaceOfARequestWhoseClientHungUp() throws IOException {
    SiteWithKey site = Sites.newSite();
    byte[] event = anEvent().with("site_id", site.siteId()).text().getBytes(StandardCharsets.UTF_8);

    holdThePlace(site, event).close();

    awaitInProgress(0);
    try (Socket other = connect()) {
      assertThat(exchange(other, "/server-events", site.key(), event).status()).isEqualTo(200);
    }
  }

  /** A connection whose request has taken the only place: its headers sent, its body not. */
  private Socket holdThePlace(SiteWithKey site, byte[] event) throws IOException {
    awaitInProgress(0);
    Socket holder = connect();
    holder.getOutputStream().write(head("/server-events", site.key(), event.length));
    holder.getOutputStream().flush();
    awaitInProgress(1);
    return holder;
  }

  /**
   * Waits until ingest-api counts {@code requests} event requests in progress, as its metrics say
   * (they are never shed). A place is freed when the answer has been written, which may be a moment
   * after the client read it.
   */
  private static void awaitInProgress(int requests) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                given()
                    .get("/q/metrics")
                    .asString()
                    .lines()
                    .anyMatch(
                        line ->
                            line.equals("scanflow_ingest_admission_in_flight " + requests + ".0")));
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket(root.getHost(), root.getPort());
    socket.setSoTimeout(10_000);
    return socket;
  }

  private static byte[] head(String path, String key, int length) {
    return ("POST "
            + path
            + " HTTP/1.1\r\nHost: localhost\r\nX-API-Key: "
            + key
            + "\r\nContent-Type: application/json\r\nContent-Length: "
            + length
            + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static Answer exchange(Socket socket, String path, String key, byte[] body)
      throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(head(path, key, body.length));
    out.write(body);
    out.flush();
    return read(socket.getInputStream());
  }

  record Answer(int status, Map<String, String> headers, String body) {}

  /** One HTTP/1.1 response with a Content-Length body. */
  private static Answer read(InputStream in) throws IOException {
    String statusLine = line(in);
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String header = line(in); !header.isEmpty(); header = line(in)) {
      int colon = header.indexOf(':');
      headers.put(
          header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          header.substring(colon + 1).trim());
    }
    byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
    return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed mid-answer");
      }
      if (b != '\r') {
        bytes.write(b);
      }
    }
    return bytes.toString(StandardCharsets.US_ASCII);
  }
}
