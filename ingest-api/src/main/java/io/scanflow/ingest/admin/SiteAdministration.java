package io.scanflow.ingest.admin;

import io.scanflow.contract.ApiKey;
import io.scanflow.contract.ApiKeyHash;
import io.scanflow.contract.Topics;
import io.scanflow.contract.TrackingSite;
import io.scanflow.contract.registry.KeyRegistry;
import io.scanflow.ingest.admin.AdminViews.NewKey;
import io.scanflow.ingest.admin.AdminViews.NewSite;
import io.scanflow.ingest.admin.AdminViews.SiteView;
import io.scanflow.ingest.auth.ApiKeys;
import io.scanflow.ingest.config.IngestConfig;
import io.scanflow.ingest.http.ApiException;
import io.scanflow.ingest.publish.EventPublisher;
import io.scanflow.ingest.registry.RegistryService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Creates sites and keys and revokes keys by writing the compacted topics; each call returns only
 * once its writes are acknowledged and applied to this instance's registry (read-your-writes).
 */
@ApplicationScoped
public class SiteAdministration {
  private static final String REGISTRY_BEHIND = "Site registry is catching up, retry later";

  @Inject EventPublisher publisher;
  @Inject RegistryService registryService;
  @Inject SiteClaims claims;
  @Inject IngestConfig config;

  /**
   * Empty if a site with the requested id exists or another create of it won ({@link SiteClaims}).
   * The registry must be current first: a site created before claims existed has none, and only the
   * registry knows it.
   */
  public Optional<NewSite> createSite(SiteRequest request) {
    String siteId = request.siteId() != null ? request.siteId() : SiteIds.fromName(request.name());
    awaitRegistry();
    if (registry().site(siteId).isPresent()) {
      return Optional.empty();
    }
    TrackingSite site =
        new TrackingSite(
            siteId, request.name(), request.attributionWindowDays(), now(), request.timeZone());
    SiteClaims.Claim claim = claims.claim(site);
    if (!claim.won()) {
      claim.winner().ifPresent(this::writeUnlessKnown);
      return Optional.empty();
    }
    writeUnlessKnown(site);
    NewKey key = issueKey(siteId);
    return Optional.of(
        new NewSite(siteId, site.name(), site.attributionWindowDays(), site.timeZone(), key));
  }

  /**
   * Writes a winning claim's site to {@code tracking-sites}. The loser of a race writes it too, so
   * that a winner that died between its claim and this write leaves a site, not a site_id that is
   * taken but never listed; the value is the claim itself, so whoever writes it writes the same.
   */
  private void writeUnlessKnown(TrackingSite site) {
    if (registry().site(site.siteId()).isEmpty()) {
      registryService.awaitApplied(publisher.write(Topics.TRACKING_SITES, site.siteId(), site));
    }
  }

  /**
   * Changes a known site by writing its new value to {@code tracking-sites}; empty if the site is
   * unknown. Not a claim: the site_id is taken already. Two changes at once: the later write wins,
   * whole (each writes the full site). A new time zone applies to events counted from then on.
   */
  public Optional<SiteView> updateSite(String siteId, SitePatch patch) {
    awaitRegistry();
    Optional<TrackingSite> known = registry().site(siteId);
    if (known.isEmpty()) {
      return Optional.empty();
    }
    TrackingSite changed = patch.applyTo(known.get());
    if (!changed.equals(known.get())) {
      registryService.awaitApplied(publisher.write(Topics.TRACKING_SITES, siteId, changed));
    }
    return Optional.of(SiteView.of(changed, registry().keysOf(siteId)));
  }

  public List<SiteView> listSites() {
    KeyRegistry registry = registry();
    return registry.sites().stream()
        .map(site -> SiteView.of(site, registry.keysOf(site.siteId())))
        .toList();
  }

  /** Empty if the site is unknown. */
  public Optional<NewKey> createKey(String siteId) {
    return registry().site(siteId).map(site -> issueKey(siteId));
  }

  /** False if no key has this id; revoking a revoked key again changes nothing. */
  public boolean revokeKey(String keyId) {
    Optional<Map.Entry<String, ApiKey>> found = registry().keyById(keyId);
    if (found.isEmpty()) {
      return false;
    }
    ApiKey key = found.get().getValue();
    if (!key.revoked()) {
      ApiKey revoked = new ApiKey(key.keyId(), key.siteId(), key.prefix(), key.createdAt(), now());
      registryService.awaitApplied(publisher.write(Topics.API_KEYS, found.get().getKey(), revoked));
    }
    return true;
  }

  private NewKey issueKey(String siteId) {
    String key = ApiKeys.generate();
    ApiKey facts =
        new ApiKey(UUID.randomUUID().toString(), siteId, ApiKeys.prefixOf(key), now(), null);
    RecordMetadata written = publisher.write(Topics.API_KEYS, ApiKeyHash.of(key), facts);
    registryService.awaitApplied(written);
    return new NewKey(facts.keyId(), key);
  }

  private void awaitRegistry() {
    if (!registryService.awaitCurrent()) {
      throw new ApiException(
          503, REGISTRY_BEHIND, Map.of("Retry-After", config.publish().retryAfterSeconds()));
    }
  }

  private KeyRegistry registry() {
    return registryService.registry();
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}
