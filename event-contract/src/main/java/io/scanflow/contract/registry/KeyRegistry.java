package io.scanflow.contract.registry;

import io.scanflow.contract.ApiKey;
import io.scanflow.contract.Topics;
import io.scanflow.contract.TrackingSite;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * The in-memory view of the {@code api-keys} and {@code tracking-sites} topics: what a {@link
 * CompactedTopicFollower} has read so far. Keys are held only by the SHA-256 hex of the key.
 */
public final class KeyRegistry implements CompactedView {
  private static final List<String> TOPICS =
      List.of(Topics.API_KEYS.name(), Topics.TRACKING_SITES.name());

  private final Map<String, ApiKey> keysByHash = new ConcurrentHashMap<>();
  private final Map<String, String> hashByKeyId = new ConcurrentHashMap<>();
  private final Map<String, TrackingSite> sites = new ConcurrentHashMap<>();

  @Override
  public List<String> topics() {
    return TOPICS;
  }

  @Override
  public void apply(ConsumerRecord<String, byte[]> record) {
    if (record.topic().equals(Topics.API_KEYS.name())) {
      applyKey(record.key(), read(Topics.API_KEYS.valueSerde(), record));
    } else {
      applySite(record.key(), read(Topics.TRACKING_SITES.valueSerde(), record));
    }
  }

  private static <V> V read(Serde<V> serde, ConsumerRecord<String, byte[]> record) {
    return serde.deserializer().deserialize(record.topic(), record.value());
  }

  /** Applies one {@code api-keys} record; a null value (tombstone) forgets the key. */
  public void applyKey(String keyHash, ApiKey key) {
    ApiKey previous = key == null ? keysByHash.remove(keyHash) : keysByHash.put(keyHash, key);
    if (previous != null && (key == null || !previous.keyId().equals(key.keyId()))) {
      hashByKeyId.remove(previous.keyId());
    }
    if (key != null) {
      hashByKeyId.put(key.keyId(), keyHash);
    }
  }

  /** Applies one {@code tracking-sites} record; a null value (tombstone) forgets the site. */
  public void applySite(String siteId, TrackingSite site) {
    if (site == null) {
      sites.remove(siteId);
    } else {
      sites.put(siteId, site);
    }
  }

  /** The key with this hash, if known and not revoked. */
  public Optional<ApiKey> activeKey(String keyHash) {
    return Optional.ofNullable(keysByHash.get(keyHash)).filter(key -> !key.revoked());
  }

  /** The stored hash and facts of the key with this hash, revoked or not. */
  public Optional<Map.Entry<String, ApiKey>> keyByHash(String keyHash) {
    return Optional.ofNullable(keysByHash.get(keyHash)).map(key -> Map.entry(keyHash, key));
  }

  /** The key with this id and its hash, revoked or not. */
  public Optional<Map.Entry<String, ApiKey>> keyById(String keyId) {
    return Optional.ofNullable(hashByKeyId.get(keyId))
        .flatMap(
            hash -> Optional.ofNullable(keysByHash.get(hash)).map(key -> Map.entry(hash, key)));
  }

  public Optional<TrackingSite> site(String siteId) {
    return Optional.ofNullable(sites.get(siteId));
  }

  /** All sites, oldest first. */
  public List<TrackingSite> sites() {
    return sites.values().stream()
        .sorted(Comparator.comparing(TrackingSite::createdAt).thenComparing(TrackingSite::siteId))
        .toList();
  }

  /** The keys of one site, oldest first. */
  public List<ApiKey> keysOf(String siteId) {
    return keysByHash.values().stream()
        .filter(key -> key.siteId().equals(siteId))
        .sorted(Comparator.comparing(ApiKey::createdAt).thenComparing(ApiKey::keyId))
        .toList();
  }
}
