package io.scanflow.reports.auth;

import io.scanflow.contract.Sha256;
import io.scanflow.reports.ReportsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dashboard's signed-in sessions, in memory: a session id is 256 random bits, known only to the
 * browser (the store keeps its SHA-256, so a heap dump yields no usable cookie). A session ends
 * when it has not been used for the TTL, at logout, or when {@code capacity} newer sessions push it
 * out; a restart ends them all, and each instance has its own.
 */
@ApplicationScoped
public class DashboardSessions {
  /** The cookie that carries the session id. */
  public static final String COOKIE = "scanflow_admin";

  private static final int ID_BYTES = 32;

  private final SecureRandom random = new SecureRandom();
  private final Duration ttl;
  private final int capacity;
  private final InstantSource clock;
  // Access order: the least recently used session comes first, so expired ones are at the head.
  private final LinkedHashMap<String, Instant> lastUsed = new LinkedHashMap<>(16, 0.75f, true);

  @Inject
  public DashboardSessions(ReportsConfig config) {
    this(config.reports().sessionTtl(), config.reports().maxSessions(), InstantSource.system());
  }

  DashboardSessions(Duration ttl, int capacity, InstantSource clock) {
    this.ttl = ttl;
    this.capacity = capacity;
    this.clock = clock;
  }

  /** Starts a session and returns its id, the cookie value; never stored. */
  public synchronized String open() {
    Instant now = clock.instant();
    dropExpired(now);
    while (lastUsed.size() >= capacity) {
      lastUsed.remove(lastUsed.keySet().iterator().next());
    }
    byte[] id = new byte[ID_BYTES];
    random.nextBytes(id);
    String sessionId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    lastUsed.put(digest(sessionId), now);
    return sessionId;
  }

  /**
   * True if {@code sessionId} is a live session; using it extends it by the TTL. An expired session
   * is forgotten.
   */
  public synchronized boolean use(String sessionId) {
    if (sessionId == null || sessionId.isEmpty()) {
      return false;
    }
    String key = digest(sessionId);
    Instant last = lastUsed.get(key);
    Instant now = clock.instant();
    if (last == null) {
      return false;
    }
    if (expired(last, now)) {
      lastUsed.remove(key);
      return false;
    }
    lastUsed.put(key, now);
    return true;
  }

  /** Ends the session (logout); unknown ids are ignored. */
  public synchronized void close(String sessionId) {
    if (sessionId != null) {
      lastUsed.remove(digest(sessionId));
    }
  }

  synchronized int size() {
    return lastUsed.size();
  }

  private void dropExpired(Instant now) {
    Iterator<Map.Entry<String, Instant>> oldestFirst = lastUsed.entrySet().iterator();
    while (oldestFirst.hasNext() && expired(oldestFirst.next().getValue(), now)) {
      oldestFirst.remove();
    }
  }

  private boolean expired(Instant last, Instant now) {
    return !now.isBefore(last.plus(ttl));
  }

  /**
   * What the store keeps of a session id, and what the rate limit counts it by. Looking up the
   * digest (not the id) also keeps lookup time independent of the id's prefix.
   */
  static String digest(String sessionId) {
    return HexFormat.of().formatHex(Sha256.of(sessionId));
  }
}
