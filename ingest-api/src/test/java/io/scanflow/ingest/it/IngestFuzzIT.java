package io.scanflow.ingest.it;

import static io.scanflow.ingest.it.ServerEventsIT.keyOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.scanflow.contract.ContractJson;
import io.scanflow.contract.Topics;
import io.scanflow.ingest.it.FuzzRequests.FuzzRequest;
import io.scanflow.ingest.it.Sites.SiteWithKey;
import io.scanflow.testsupport.InjectKafka;
import io.scanflow.testsupport.KafkaTestCluster;
import io.scanflow.testsupport.KafkaTestResource;
import io.scanflow.testsupport.TopicRecords;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Sends 10,000 mutated requests (random bytes, truncation, wrong types, odd content types, huge
 * numbers, deep nesting, NULs and lone surrogates, long strings, duplicate keys) to the four POST
 * endpoints with a valid key, then checks that none got a server error, that exactly the accepted
 * events and sessions are on their topics, and that the service still takes an ordinary event. Run
 * again with {@code -Dfuzz.seed=<seed>} (printed) to replay the same requests.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@TestProfile(IngestFuzzIT.Unthrottled.class)
class IngestFuzzIT {
  private static final int REQUESTS = 10_000;
  private static final int CLIENTS = 4;
  // What the service answers when something it did not foresee failed: a bug, for a fuzz test.
  private static final String UNEXPECTED = "Service temporarily unavailable, retry later";

  @InjectKafka KafkaTestCluster kafka;

  @TestHTTPResource("/")
  URI base;

  /** No rate limit to speak of: this test is about bodies, not about 429s. */
  public static class Unthrottled implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("scanflow.rate-limit.requests-per-minute", "100000000");
    }
  }

  /** What the service acknowledged, and what went wrong. */
  private static final class Outcomes {
    final List<String> acceptedEventIds = Collections.synchronizedList(new ArrayList<>());
    final List<String> acceptedSessionIds = Collections.synchronizedList(new ArrayList<>());
    final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    final AtomicIntegerArray statuses = new AtomicIntegerArray(600);
    final AtomicInteger unavailable = new AtomicInteger();
    final Map<String, AtomicInteger> perEndpoint = new java.util.concurrent.ConcurrentHashMap<>();
  }

  @Test
  void shouldSurviveTenThousandMutatedRequestsAndPublishOnlyWhatItAccepted() throws Exception {
    long seed = Long.getLong("fuzz.seed", System.nanoTime());
    System.out.println("IngestFuzzIT seed=" + seed + " (replay with -Dfuzz.seed=" + seed + ")");
    SiteWithKey site = Sites.newSite();
    FuzzRequests requests = new FuzzRequests(seed, site.siteId());
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    Outcomes outcomes = new Outcomes();

    long start = System.nanoTime();
    sendAll(client, site, requests, outcomes);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    System.out.println(
        "IngestFuzzIT: "
            + REQUESTS
            + " requests in "
            + took.toMillis()
            + " ms; "
            + outcomes.perEndpoint
            + "; statuses "
            + statusCounts(outcomes)
            + "; accepted events "
            + outcomes.acceptedEventIds.size()
            + ", sessions "
            + outcomes.acceptedSessionIds.size());

    assertThat(outcomes.failures.size())
        .as(
            "failures with seed %d, the first: %s",
            seed, outcomes.failures.stream().limit(5).toList())
        .isZero();
    assertPublishedExactlyWhatWasAccepted(site, outcomes, seed);
    assertCanaryIsAccepted(client, site);
  }

  private void sendAll(
      HttpClient client, SiteWithKey site, FuzzRequests requests, Outcomes outcomes)
      throws Exception {
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        workers.add(
            pool.submit(
                () -> {
                  for (int n = next.getAndIncrement(); n < REQUESTS; n = next.getAndIncrement()) {
                    send(client, site, requests.request(n), outcomes);
                  }
                  return null;
                }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private void send(HttpClient client, SiteWithKey site, FuzzRequest request, Outcomes outcomes)
      throws Exception {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(base.resolve(request.endpoint()))
            .timeout(Duration.ofSeconds(30))
            .header("X-API-Key", site.key())
            .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
    if (request.contentType() != null) {
      builder.header("Content-Type", request.contentType());
    }
    HttpResponse<byte[]> response =
        client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    int status = response.statusCode();
    outcomes
        .perEndpoint
        .computeIfAbsent(request.endpoint(), e -> new AtomicInteger())
        .incrementAndGet();
    if (status == 415 && request.number() < 3000) {
      System.out.println("DEBUG415 [" + request.contentType() + "] " + new String(response.body()));
    }
    outcomes.statuses.incrementAndGet(Math.min(status, 599));
    if (status >= 500 && status != 503) {
      outcomes.failures.add(status + " for " + request);
      return;
    }
    JsonNode body = jsonBody(response.body(), request, status, outcomes);
    if (body == null) {
      return;
    }
    if (status == 503 && UNEXPECTED.equals(body.path("detail").asText())) {
      outcomes.failures.add("an unexpected failure (503, see the log) for " + request);
    } else if (status == 503) {
      outcomes.unavailable.incrementAndGet();
    } else if (status == 200) {
      recordAccepted(request.endpoint(), body, outcomes);
    } else if (!body.has("detail")) {
      outcomes.failures.add(status + " without a detail for " + request);
    }
  }

  /** Every answer is UTF-8 JSON, whatever the request was. */
  private static JsonNode jsonBody(
      byte[] bytes, FuzzRequest request, int status, Outcomes outcomes) {
    try {
      String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
      return ContractJson.mapper().readTree(text);
    } catch (CharacterCodingException e) {
      outcomes.failures.add(status + " with a body that is not UTF-8 for " + request);
    } catch (Exception e) {
      outcomes.failures.add(status + " with a body that is not JSON for " + request);
    }
    return null;
  }

  private static void recordAccepted(String endpoint, JsonNode body, Outcomes outcomes) {
    switch (endpoint) {
      case "/server-events" -> outcomes.acceptedEventIds.add(body.get("event_id").textValue());
      case "/server-events/batch" ->
          body.get("results")
              .forEach(
                  result -> {
                    if (result.get("status").textValue().equals("accepted")) {
                      outcomes.acceptedEventIds.add(result.get("event_id").textValue());
                    }
                  });
      case "/scan-sessions" ->
          outcomes.acceptedSessionIds.add(body.get("scan_session_id").textValue());
      default -> {} // validate: writes nothing
    }
  }

  private void assertPublishedExactlyWhatWasAccepted(SiteWithKey site, Outcomes outcomes, long seed)
      throws Exception {
    String prefix = site.siteId() + "/";
    List<String> publishedEvents = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record :
        AllRecords.of(kafka, Topics.SERVER_EVENTS.name())) {
      String key = keyOf(record);
      if (key != null && key.startsWith(prefix)) {
        publishedEvents.add(key.substring(prefix.length()));
      }
    }
    List<String> publishedSessions = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record :
        AllRecords.of(kafka, Topics.SCAN_SESSIONS.name())) {
      JsonNode session = ContractJson.mapper().readTree(record.value());
      if (site.siteId().equals(session.get("site_id").textValue())) {
        publishedSessions.add(keyOf(record));
      }
    }
    if (outcomes.unavailable.get() > 0) {
      // A 503 may still be written late: then only "at least what was accepted" can be checked.
      assertThat(publishedEvents).as("seed %d", seed).containsAll(outcomes.acceptedEventIds);
      assertThat(publishedSessions).as("seed %d", seed).containsAll(outcomes.acceptedSessionIds);
      return;
    }
    assertThat(publishedEvents)
        .as("seed %d", seed)
        .containsExactlyInAnyOrderElementsOf(outcomes.acceptedEventIds);
    assertThat(publishedSessions)
        .as("seed %d", seed)
        .containsExactlyInAnyOrderElementsOf(outcomes.acceptedSessionIds);
  }

  private void assertCanaryIsAccepted(HttpClient client, SiteWithKey site) throws Exception {
    String canary = "canary-" + java.util.UUID.randomUUID();
    String event =
        "{\"site_id\": \""
            + site.siteId()
            + "\", \"event_name\": \"purchase\", \"event_id\": \""
            + canary
            + "\", \"scan_session_id\": \"6f1c2a4e-8a57-4c1e-9d1a-3b2f1e0c9a77\"}";
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(base.resolve("/server-events"))
                .header("X-API-Key", site.key())
                .POST(HttpRequest.BodyPublishers.ofString(event))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    String key = site.siteId() + "/" + canary;
    List<ConsumerRecord<byte[], byte[]>> records =
        TopicRecords.readUntil(
            kafka,
            Topics.SERVER_EVENTS.name(),
            all -> all.stream().anyMatch(r -> key.equals(keyOf(r))),
            Duration.ofSeconds(10));
    assertThat(records).anyMatch(r -> key.equals(keyOf(r)));
  }

  private static Map<Integer, Integer> statusCounts(Outcomes outcomes) {
    Map<Integer, Integer> counts = new java.util.TreeMap<>();
    for (int status = 0; status < 600; status++) {
      if (outcomes.statuses.get(status) > 0) {
        counts.put(status, outcomes.statuses.get(status));
      }
    }
    return counts;
  }
}
