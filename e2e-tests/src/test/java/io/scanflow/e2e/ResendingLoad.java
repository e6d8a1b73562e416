package io.scanflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Steady load as a careful client sends it: one thread per site posts batches of events and, on
 * 503, 429 or a connection error, resends the same batch (same {@code event_id}s) until it gets a
 * 200. With several ingest URLs (instances behind no load balancer), each send goes to the next URL
 * in turn, so a resend after a connection error reaches another instance. Every 4th batch also
 * repeats an event that was already acknowledged, as a client that lost its answer would. What
 * counts at the end is the set of acknowledged {@code event_id}s.
 */
final class ResendingLoad implements AutoCloseable {
  private static final int BATCH_SIZE = 10;

  /** One batch per 700 ms and key: about 86 requests a minute, under the e2e stack's 120. */
  private static final Duration PACE = Duration.ofMillis(700);

  private static final Duration RESEND_AFTER = Duration.ofSeconds(1);
  private static final Duration TICK = Duration.ofMillis(100);
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(3))
          .build();

  /** A site the load posts to: its id, API key and the scan session its events name. */
  record Site(String siteId, String apiKey, String scanSessionId) {}

  private final List<String> batchUrls;
  private final AtomicInteger nextUrl = new AtomicInteger();
  private final List<Client> clients = new ArrayList<>();
  private final ScheduledExecutorService threads;
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  private final AtomicInteger deliberateDuplicates = new AtomicInteger();
  private final AtomicLong eventsSent = new AtomicLong();
  private final Map<String, AtomicInteger> resends = new ConcurrentHashMap<>();
  private final List<String> unexpected = new CopyOnWriteArrayList<>();
  private volatile boolean finishing;

  ResendingLoad(List<String> ingestUrls, List<Site> sites) {
    this.batchUrls = ingestUrls.stream().map(url -> url + "/server-events/batch").toList();
    this.threads = Executors.newScheduledThreadPool(sites.size());
    for (Site site : sites) {
      Client client = new Client(site);
      clients.add(client);
      threads.scheduleWithFixedDelay(client::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** Unique event ids that got a 200 (as "accepted" in the batch answer). */
  int acknowledged() {
    return acknowledged.size();
  }

  /** Repeats of already acknowledged events that were themselves acknowledged. */
  int deliberateDuplicates() {
    return deliberateDuplicates.get();
  }

  /** Events sent, every resend included: no more receipts than this can exist. */
  long eventsSent() {
    return eventsSent.get();
  }

  /** Resends by cause ("503", "429", "connection"). */
  Map<String, AtomicInteger> resends() {
    return resends;
  }

  /** Answers a careful client cannot handle by resending (anything but 200, 503, 429). */
  List<String> unexpected() {
    return unexpected;
  }

  /** Sends no new batches; each client still resends its last one until it is acknowledged. */
  void finish() {
    finishing = true;
  }

  /** True once {@link #finish()} was called and no batch is waiting for its acknowledgement. */
  boolean finished() {
    return finishing && clients.stream().allMatch(client -> client.pending == null);
  }

  private String nextBatchUrl() {
    return batchUrls.get(Math.floorMod(nextUrl.getAndIncrement(), batchUrls.size()));
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }

  /** One site's client, run by one thread every {@link #TICK}. */
  private final class Client {
    private final Site site;
    private Map<String, Object> lastAcknowledged;
    private volatile Batch pending;
    private Instant notBefore = Instant.now();
    private int sequence;
    private int batches;

    Client(Site site) {
      this.site = site;
    }

    void tick() {
      try {
        step();
      } catch (RuntimeException e) {
        // a scheduled task that throws is never run again: record it instead
        unexpected.add("client of " + site.siteId() + " failed: " + e);
        pending = null;
      }
    }

    private void step() {
      if (Instant.now().isBefore(notBefore)) {
        return;
      }
      if (pending == null) {
        if (finishing) {
          return;
        }
        pending = nextBatch();
      }
      notBefore = Instant.now().plus(send(pending));
    }

    private Batch nextBatch() {
      List<Map<String, Object>> events = new ArrayList<>();
      for (int i = 0; i < BATCH_SIZE; i++) {
        events.add(event(site.siteId() + "-" + sequence++));
      }
      boolean repeat = ++batches % 4 == 0 && lastAcknowledged != null;
      if (repeat) {
        events.add(lastAcknowledged);
      }
      return new Batch(events, repeat);
    }

    private Map<String, Object> event(String eventId) {
      return Map.of(
          "site_id", site.siteId(),
          "event_name", "purchase",
          "event_id", eventId,
          "scan_session_id", site.scanSessionId(),
          "conversion_value", Map.of("amount", new BigDecimal("1.00"), "currency", "EUR"));
    }

    /** Sends the batch once; returns how long to wait before the next send. */
    private Duration send(Batch batch) {
      eventsSent.addAndGet(batch.events().size());
      HttpResponse<String> response;
      try {
        response =
            HTTP.send(
                HttpRequest.newBuilder(URI.create(nextBatchUrl()))
                    .timeout(Duration.ofSeconds(15))
                    .header("X-API-Key", site.apiKey())
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            ScanflowClient.json(Map.of("events", batch.events()))))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
      } catch (IOException connectionError) {
        return resend("connection", RESEND_AFTER);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return RESEND_AFTER;
      }
      return switch (response.statusCode()) {
        case 200 -> acknowledge(batch, response.body());
        case 503 -> resend("503", RESEND_AFTER);
        case 429 -> resend("429", retryAfter(response));
        default -> {
          unexpected.add(LocalTime.now() + " " + response.statusCode() + " " + response.body());
          pending = null;
          yield PACE;
        }
      };
    }

    private Duration acknowledge(Batch batch, String body) {
      JsonNode results;
      try {
        results = ScanflowClient.JSON.readTree(body).path("results");
      } catch (IOException e) {
        unexpected.add("200 with an unreadable body: " + body);
        pending = null;
        return PACE;
      }
      for (JsonNode result : results) {
        if ("accepted".equals(result.path("status").asText())) {
          acknowledged.add(result.path("event_id").asText());
        } else {
          unexpected.add("rejected in a batch: " + result);
        }
      }
      lastAcknowledged = batch.events().get(0);
      if (batch.repeatsAnAcknowledgedEvent()) {
        deliberateDuplicates.incrementAndGet();
      }
      pending = null;
      return PACE;
    }

    private Duration resend(String cause, Duration after) {
      resends.computeIfAbsent(cause, key -> new AtomicInteger()).incrementAndGet();
      return after;
    }

    private static Duration retryAfter(HttpResponse<String> response) {
      long seconds = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
      return Duration.ofSeconds(Math.max(1, seconds));
    }
  }

  private record Batch(List<Map<String, Object>> events, boolean repeatsAnAcknowledgedEvent) {}
}
