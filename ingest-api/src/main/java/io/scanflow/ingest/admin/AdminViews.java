package io.scanflow.ingest.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.scanflow.contract.ApiKey;
import io.scanflow.contract.TrackingSite;
import java.time.Instant;
import java.util.List;

/** The JSON bodies of the admin API; never a key's hash, the key itself only once on creation. */
public final class AdminViews {
  private AdminViews() {}

  /** A new key, shown this once. */
  public record NewKey(@JsonProperty("key_id") String keyId, @JsonProperty("key") String key) {}

  /** 201 of {@code POST /admin/sites}. */
  public record NewSite(
      @JsonProperty("site_id") String siteId,
      @JsonProperty("name") String name,
      @JsonProperty("attribution_window_days") int attributionWindowDays,
      @JsonProperty("time_zone") String timeZone,
      @JsonProperty("api_key") NewKey apiKey) {}

  /** A key as listed: its id, visible prefix and lifecycle. */
  public record KeyView(
      @JsonProperty("key_id") String keyId,
      @JsonProperty("prefix") String prefix,
      @JsonProperty("created_at") Instant createdAt,
      @JsonProperty("revoked_at") Instant revokedAt) {

    static KeyView of(ApiKey key) {
      return new KeyView(key.keyId(), key.prefix(), key.createdAt(), key.revokedAt());
    }
  }

  /** A site as listed by {@code GET /admin/sites} and answered by its PATCH. */
  public record SiteView(
      @JsonProperty("site_id") String siteId,
      @JsonProperty("name") String name,
      @JsonProperty("attribution_window_days") int attributionWindowDays,
      @JsonProperty("time_zone") String timeZone,
      @JsonProperty("created_at") Instant createdAt,
      @JsonProperty("api_keys") List<KeyView> apiKeys) {

    static SiteView of(TrackingSite site, List<ApiKey> keys) {
      return new SiteView(
          site.siteId(),
          site.name(),
          site.attributionWindowDays(),
          site.timeZone(),
          site.createdAt(),
          keys.stream().map(KeyView::of).toList());
    }
  }
}
