package io.scanflow.ingest.ratelimit;

import io.scanflow.contract.ratelimit.RateLimitDecision;
import io.scanflow.contract.ratelimit.RateLimitUsage;
import io.scanflow.contract.ratelimit.RateLimiter;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The per-key limit across all ingest-api instances together (http-api.md §5), without a network
 * round trip per request. Each instance keeps its own token buckets and also charges them with what
 * the other instances admitted, as their {@link RateLimitUsage} records arrive; each thus enforces
 * what is left of the shared limit.
 *
 * <p>What the others cannot know yet is what this instance admitted since its last record they
 * read. While other instances are alive, an instance therefore admits a key at most {@link
 * #TOLERANCE} of the limit, shared among the others, ahead of what it has read back from the topic
 * (the in-flight budget): however fast a key sends, the instances together admit at most that much
 * more than one shared bucket would. With no other instance it is one bucket, exact.
 *
 * <p>When this instance has not read its own record back for the peer timeout (Kafka slow or down),
 * it fails open to its own bucket: the others' admissions stop arriving and the budget no longer
 * applies, so a key gets at most the limit per instance until the exchange works again.
 */
public final class ClusterRateLimit {
  /** How much more than the limit the instances together may admit in any minute. */
  public static final double TOLERANCE = 0.10;

  /** A bucket refills fully in a minute: older admissions no longer matter to it. */
  static final Duration RELEVANT_AGE = Duration.ofMinutes(1);

  /** What became of a record read from {@code rate-limit-usage}. */
  public enum Received {
    OWN,
    CHARGED,
    STALE,
    POISON
  }

  private final RateLimiter buckets;
  private final LongSupplier nanoClock;
  private final long peerTimeoutNanos;
  private final String instanceId = UUID.randomUUID().toString();
  private final UsageLedger ledger = new UsageLedger();
  private final PeerInstances peers;
  private final AtomicLong seq = new AtomicLong();
  private volatile long lastReadBack;

  public ClusterRateLimit(RateLimiter buckets, Duration peerTimeout, LongSupplier nanoClock) {
    this.buckets = buckets;
    this.nanoClock = nanoClock;
    this.peerTimeoutNanos = peerTimeout.toNanos();
    this.peers = new PeerInstances(peerTimeoutNanos);
    this.lastReadBack = nanoClock.getAsLong() - peerTimeoutNanos - 1;
  }

  public int perMinute() {
    return buckets.perMinute();
  }

  public String instanceId() {
    return instanceId;
  }

  /** Counts one request of the key whose hash is {@code keyHash}. */
  public RateLimitDecision tryAcquire(String keyHash) {
    String subject = RateLimitUsage.subjectOf(keyHash);
    long now = nanoClock.getAsLong();
    int others = shared(now) ? peers.alive(now) : 0;
    if (others > 0 && ledger.unconfirmed(subject) >= inFlightBudget(others)) {
      return buckets.refusal(subject);
    }
    RateLimitDecision decision = buckets.tryAcquire(subject);
    if (decision.allowed()) {
      ledger.admitted(subject);
    }
    return decision;
  }

  /** The record to send now: what was admitted since the previous one (maybe nothing). */
  public RateLimitUsage nextRecord() {
    long now = nanoClock.getAsLong();
    ledger.expire(now - peerTimeoutNanos);
    long next = seq.incrementAndGet();
    return new RateLimitUsage(instanceId, next, ledger.drain(next, now), false);
  }

  /** The record an instance sends when it stops cleanly, so the others forget it at once. */
  public RateLimitUsage stoppingRecord() {
    long last = seq.incrementAndGet();
    return new RateLimitUsage(instanceId, last, ledger.drain(last, nanoClock.getAsLong()), true);
  }

  /** Applies one record read from the topic, {@code age} after it was sent. */
  public Received received(RateLimitUsage usage, Duration age) {
    if (usage.problem().isPresent()) {
      return Received.POISON;
    }
    long now = nanoClock.getAsLong();
    if (usage.instanceId().equals(instanceId)) {
      ledger.readBack(usage.seq());
      lastReadBack = now;
      return Received.OWN;
    }
    if (usage.stopping()) {
      peers.stopped(usage.instanceId());
    } else if (age.toNanos() <= peerTimeoutNanos) {
      peers.heard(usage.instanceId(), now);
    }
    if (age.compareTo(RELEVANT_AGE) > 0) {
      return Received.STALE;
    }
    usage.admitted().forEach(buckets::charge);
    return Received.CHARGED;
  }

  /**
   * True while this instance's own records come back from the topic within the peer timeout, i.e.
   * the others' admissions reach it and the in-flight budget applies; false means it fails open.
   */
  public boolean shared() {
    return shared(nanoClock.getAsLong());
  }

  /** Other instances heard from within the peer timeout. */
  public int peers() {
    return peers.alive(nanoClock.getAsLong());
  }

  private boolean shared(long now) {
    return now - lastReadBack <= peerTimeoutNanos;
  }

  private int inFlightBudget(int others) {
    return Math.max(1, (int) (TOLERANCE * buckets.perMinute() / others));
  }
}
