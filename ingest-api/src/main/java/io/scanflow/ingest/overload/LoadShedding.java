package io.scanflow.ingest.overload;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.scanflow.contract.registry.ApiKeyAuthenticator;
import io.scanflow.contract.registry.KeyCheck;
import io.scanflow.ingest.config.IngestConfig;
import io.scanflow.ingest.http.ApiKeyFilter;
import io.scanflow.ingest.http.IngestMetrics;
import io.scanflow.ingest.rejection.RejectionLog;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;

/**
 * Load shedding on {@code POST /server-events}, {@code /batch} and {@code /validate}: a request
 * over the {@link AdmissionLimit} is answered 503 with {@code Retry-After} as soon as its headers
 * are read, before authentication, before its body is read, and before anything is published. So
 * above capacity the answers stay fast and honest (200 after {@code acks=all}, or 503 now) instead
 * of late, and the refused requests cost ingest-api little and the stages behind it nothing.
 *
 * <p>A refused request whose {@code X-API-Key} is an active key goes to that site's rejection log
 * (http-api.md §10), within the log's cap per key and minute: the site sees on its dashboard that
 * its requests met a full ingest, not only the operator. Nothing else of the request is read.
 *
 * <p>The route runs ahead of the REST endpoints (they are routed at {@code
 * ROUTE_ORDER_AFTER_DEFAULT}); the HTTP metrics see its answers like any other. A tick every {@code
 * scanflow.overload.interval} moves the limit, and logs when shedding starts and stops.
 */
@ApplicationScoped
public class LoadShedding {
  private static final Logger LOG = Logger.getLogger(LoadShedding.class);

  /** The {@code detail} of the 503 of a shed request. */
  public static final String AT_CAPACITY = "Ingest is at capacity, retry later";

  static final int ROUTE_ORDER = RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT;
  private static final Buffer BODY = Buffer.buffer("{\"detail\":\"" + AT_CAPACITY + "\"}");

  /** Ticks without a refusal before "stopped shedding" is logged. */
  private static final int QUIET_TICKS = 50;

  @Inject IngestConfig config;
  @Inject IngestMetrics metrics;
  @Inject MeterRegistry registry;
  @Inject Vertx vertx;
  @Inject ApiKeyAuthenticator authenticator;
  @Inject RejectionLog rejections;

  private final LongAdder shed = new LongAdder();
  private AdmissionLimit admission;
  private String retryAfter;
  private long intervalMillis;
  private volatile long nextTickDue;
  private volatile boolean stopped;
  private long shedSinceStart;
  private int quietTicks;
  private boolean shedding;

  void install(@Observes Router router) {
    IngestConfig.Overload overload = config.overload();
    if (!overload.enabled()) {
      LOG.info("Load shedding is off (scanflow.overload.enabled=false)");
      return;
    }
    admission =
        new AdmissionLimit(
            overload.minConcurrency(),
            overload.maxConcurrency(),
            overload.targetLatency().toNanos());
    retryAfter = Integer.toString(overload.retryAfterSeconds());
    intervalMillis = overload.interval().toMillis();
    Gauge.builder("scanflow.ingest.admission.limit", admission, AdmissionLimit::limit)
        .description("Event requests ingest-api works on at once at most; beyond, it answers 503")
        .register(registry);
    Gauge.builder("scanflow.ingest.admission.in.flight", admission, AdmissionLimit::inFlight)
        .description("Event requests in progress")
        .register(registry);
    Gauge.builder(
            "scanflow.ingest.admission.answer.time",
            admission,
            limit -> limit.smoothedNanos() / 1e9)
        .description(
            "The smoothed answer time of admitted event requests plus event-loop lag, in seconds:"
                + " what the limit compares with scanflow.overload.target-latency")
        .baseUnit("seconds")
        .register(registry);
    router.route(HttpMethod.POST, "/server-events*").order(ROUTE_ORDER).handler(this::admit);
    scheduleTick();
  }

  private void admit(RoutingContext request) {
    if (!admission.tryAdmit()) {
      shed.increment();
      metrics.refused("overloaded");
      request
          .response()
          .setStatusCode(503)
          .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
          .putHeader(HttpHeaders.RETRY_AFTER, retryAfter)
          .end(BODY);
      recordForTheSite(request);
      return;
    }
    long start = System.nanoTime();
    request.addEndHandler(ended -> admission.release(System.nanoTime() - start));
    request.next();
  }

  private void recordForTheSite(RoutingContext request) {
    String key = request.request().getHeader(ApiKeyFilter.HEADER);
    if (key != null
        && !key.isBlank()
        && authenticator.check(key.trim()) instanceof KeyCheck.Active active) {
      rejections.refused(
          active.keyHash(), active.siteId(), request.normalizedPath(), 503, null, AT_CAPACITY);
    }
  }

  private void scheduleTick() {
    if (stopped) {
      return;
    }
    nextTickDue = System.nanoTime() + intervalMillis * 1_000_000;
    vertx.setTimer(intervalMillis, id -> tick());
  }

  private void tick() {
    long late = System.nanoTime() - nextTickDue;
    int limit = admission.adjust(late);
    long refused = shed.sumThenReset();
    logTransitions(refused, limit);
    scheduleTick();
  }

  private void logTransitions(long refused, int limit) {
    if (refused > 0) {
      quietTicks = 0;
      shedSinceStart += refused;
      if (!shedding) {
        shedding = true;
        LOG.warnf(
            "Over capacity: answering 503 to event requests beyond %d in progress (answer-time"
                + " target %s)",
            limit, config.overload().targetLatency());
      }
    } else if (shedding && ++quietTicks >= QUIET_TICKS) {
      LOG.infof(
          "Back under capacity: %d event requests were answered 503 meanwhile", shedSinceStart);
      shedding = false;
      shedSinceStart = 0;
    }
  }

  void stop(@Observes ShutdownEvent event) {
    stopped = true;
  }
}
