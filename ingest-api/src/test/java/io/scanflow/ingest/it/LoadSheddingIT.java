package io.scanflow.ingest.it;

import static io.scanflow.ingest.validation.EventJson.anEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.scanflow.ingest.it.Sites.SiteWithKey;
import io.scanflow.ingest.overload.LoadShedding;
import io.scanflow.testsupport.KafkaTestResource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Load shedding (io.scanflow.ingest.overload): with room for one event request at a time, a request
 * that arrives while another is in progress is answered 503 with Retry-After at once, on a
 * keep-alive connection that then goes on serving. The request in progress is held open by sending
 * its headers and only later its body, over raw sockets.
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

  @Test
  void shouldAnswer503WithRetryAfterAtOnceWhileTheLimitIsTakenAndServeAgainAfterwards()
      throws Exception {
    SiteWithKey site = Sites.newSite();
    byte[] event = anEvent().with("site_id", site.siteId()).text().getBytes(StandardCharsets.UTF_8);

    try (Socket other = connect();
        Socket holder = holdThePlace(other, site, event)) {
      OutputStream held = holder.getOutputStream();

      long start = System.nanoTime();
      Answer shed = exchange(other, "/server-events/batch", site.key(), event);
      long tookMillis = (System.nanoTime() - start) / 1_000_000;
      assertThat(shed.status()).isEqualTo(503);
      assertThat(shed.headers()).containsEntry("retry-after", "1");
      assertThat(shed.headers().get("content-type")).startsWith("application/json");
      assertThat(shed.body()).isEqualTo("{\"detail\":\"" + LoadShedding.AT_CAPACITY + "\"}");
      assertThat(tookMillis).as("answered without waiting for anything").isLessThan(2_000);

      held.write(event);
      held.flush();
      Answer accepted = read(holder.getInputStream());
      assertThat(accepted.status()).isEqualTo(200);
      assertThat(accepted.body()).contains("\"status\":\"accepted\"");

      assertThat(awaitAdmitted(other, site, event))
          .as("the same keep-alive connection serves once the place is free")
          .isEqualTo(200);
    }
  }

  @Test
  void shouldFreeThePlaceOfARequestWhoseClientHungUp() throws Exception {
    SiteWithKey site = Sites.newSite();
    byte[] event = anEvent().with("site_id", site.siteId()).text().getBytes(StandardCharsets.UTF_8);

    try (Socket other = connect()) {
      holdThePlace(other, site, event).close();

      assertThat(awaitAdmitted(other, site, event))
          .as("admitted again after the client hung up")
          .isEqualTo(200);
    }
  }

  /**
   * The status of the first request not refused for capacity within 10 s: a place is freed when the
   * answer has been written, which may be a moment after the client read it.
   */
  private int awaitAdmitted(Socket socket, SiteWithKey site, byte[] event) throws IOException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    int status = 503;
    while (status == 503 && System.nanoTime() < deadline) {
      status = exchange(socket, "/server-events", site.key(), event).status();
    }
    return status;
  }

  /**
   * A connection whose request has taken the only place: its headers sent, its body not. It is
   * taken once a second request is refused while the held one has no answer (a probe still in
   * progress when the held request arrived would have it refused instead: then again).
   */
  private Socket holdThePlace(Socket other, SiteWithKey site, byte[] event) throws Exception {
    for (int attempt = 0; attempt < 20; attempt++) {
      Socket holder = connect();
      holder.getOutputStream().write(head("/server-events", site.key(), event.length));
      holder.getOutputStream().flush();
      Thread.sleep(200);
      Answer probe = exchange(other, "/server-events/validate", site.key(), event);
      Thread.sleep(100);
      if (probe.status() == 503 && holder.getInputStream().available() == 0) {
        return holder;
      }
      holder.close();
    }
    throw new AssertionError("the held request never took the place");
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
