package io.scanflow.ingest.it;

import static io.restassured.RestAssured.given;
import static io.scanflow.ingest.it.Sites.utf8;
import static io.scanflow.ingest.validation.EventJson.anEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.scanflow.contract.Topics;
import io.scanflow.ingest.http.Compressed;
import io.scanflow.ingest.it.Sites.SiteWithKey;
import io.scanflow.testsupport.InjectKafka;
import io.scanflow.testsupport.KafkaTestCluster;
import io.scanflow.testsupport.KafkaTestResource;
import io.scanflow.testsupport.TopicRecords;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** gzip and deflate request bodies on every POST, and their limits (http-api.md §6). */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class CompressedBodiesIT {
  @InjectKafka KafkaTestCluster kafka;

  private SiteWithKey site;

  @BeforeEach
  void newSite() {
    site = Sites.newSite();
  }

  private ValidatableResponse post(String path, String encoding, byte[] body) {
    return given()
        .header("X-API-Key", site.key())
        .header("Content-Encoding", encoding)
        .body(body)
        .post(path)
        .then();
  }

  private String event(String eventId) {
    return anEvent().with("site_id", site.siteId()).with("event_id", eventId).text();
  }

  @Test
  void shouldAcceptAndPublishGzipAndDeflateEvents() throws Exception {
    String gzipped = "gz-" + UUID.randomUUID();
    String deflated = "df-" + UUID.randomUUID();

    post("/server-events", "gzip", Compressed.gzip(utf8(event(gzipped))))
        .statusCode(200)
        .body("event_id", equalTo(gzipped));
    post("/server-events", "deflate", Compressed.deflate(utf8(event(deflated)), false))
        .statusCode(200)
        .body("event_id", equalTo(deflated));

    List<String> keys = List.of(site.siteId() + "/" + gzipped, site.siteId() + "/" + deflated);
    assertThat(
            TopicRecords.readUntil(
                    kafka,
                    Topics.SERVER_EVENTS.name(),
                    all -> keys.stream().allMatch(k -> has(all, k)),
                    Duration.ofSeconds(10))
                .stream()
                .map(ServerEventsIT::keyOf)
                .filter(keys::contains))
        .containsExactlyInAnyOrderElementsOf(keys);
  }

  private static boolean has(
      List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> all, String key) {
    return all.stream().anyMatch(r -> key.equals(ServerEventsIT.keyOf(r)));
  }

  @Test
  void shouldAcceptCompressedBodiesOnBatchValidateAndScanSessions() throws Exception {
    String batch = "{\"events\": [" + event("b-" + UUID.randomUUID()) + "]}";
    post("/server-events/batch", "gzip", Compressed.gzip(utf8(batch)))
        .statusCode(200)
        .body("accepted", equalTo(1));
    post("/server-events/validate", "deflate", Compressed.deflate(utf8(event("v-1")), true))
        .statusCode(200)
        .body("valid", equalTo(true));
    String scan = "{\"site_id\": \"" + site.siteId() + "\", \"qr_code_id\": \"qr-1\"}";
    post("/scan-sessions", "gzip", Compressed.gzip(utf8(scan)))
        .statusCode(200)
        .body("status", equalTo("accepted"));
  }

  @Test
  void shouldRefuseAZipBombQuicklyWith413() throws Exception {
    // 64 MB of zeros in about 64 KB, within the wire limit: only its inflated size is too large.
    byte[] bomb = Compressed.gzipOfZeros(64L * 1024 * 1024);
    // 1 GB in about 1 MB for the batch endpoint, whose limit is 1 MB.
    byte[] bigBomb = Compressed.gzipOfZeros(1024L * 1024 * 1024);
    long started = System.nanoTime();

    post("/server-events", "gzip", bomb)
        .statusCode(413)
        .body("detail", equalTo("Request body exceeds 65536 bytes"));
    post("/server-events/batch", "gzip", bigBomb)
        .statusCode(413)
        .body("detail", equalTo("Request body exceeds 1048576 bytes"));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void shouldAnswer415ForAnUnsupportedEncoding() {
    post("/server-events", "br", utf8(event("br-1")))
        .statusCode(415)
        .body("detail", equalTo("Unsupported Content-Encoding: br"));
    post("/scan-sessions", "zstd", utf8("{}"))
        .statusCode(415)
        .body("detail", equalTo("Unsupported Content-Encoding: zstd"));
  }

  @Test
  void shouldAnswer422ForACorruptGzipBody() {
    post("/server-events", "gzip", utf8(event("corrupt-1")))
        .statusCode(422)
        .body("detail[0].type", equalTo("value_error.encoding"))
        .body("detail[0].loc", equalTo(List.of("body")))
        .body("detail[0].msg", startsWith("request body is not valid gzip data"));
  }
}
