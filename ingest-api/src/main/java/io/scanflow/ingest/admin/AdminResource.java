package io.scanflow.ingest.admin;

import io.scanflow.ingest.admin.AdminViews.NewKey;
import io.scanflow.ingest.admin.AdminViews.NewSite;
import io.scanflow.ingest.admin.AdminViews.SiteView;
import io.scanflow.ingest.http.AdminTokenRequired;
import io.scanflow.ingest.http.ApiException;
import io.scanflow.ingest.http.BoundedBody;
import io.scanflow.ingest.http.ValidationFailedException;
import io.scanflow.ingest.validation.JsonBody;
import io.scanflow.ingest.validation.Validated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The admin API of http-api.md §9: tracking sites and their API keys. */
@Path("/admin")
@AdminTokenRequired
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin")
@SecurityRequirement(name = "adminToken")
@APIResponse(
    responseCode = "401",
    description = "Missing or wrong admin token",
    content =
        @Content(
            examples =
                @ExampleObject(
                    name = "401",
                    value = "{\"detail\": \"Missing or invalid admin token\"}")))
public class AdminResource {
  private static final String NEW_SITE =
      "{\"site_id\": \"shop-berlin\", \"name\": \"Shop Berlin\", \"attribution_window_days\": 30,"
          + " \"time_zone\": \"Europe/Berlin\", \"api_key\": {\"key_id\": \"0b6c…\", \"key\": \"sf_live_…\"}}";

  @Inject SiteAdministration administration;

  @POST
  @Path("/sites")
  @Operation(summary = "Create a tracking site and its first API key (shown once)")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              examples =
                  @ExampleObject(
                      name = "site",
                      value =
                          "{\"name\": \"Shop Berlin\", \"site_id\": \"shop-berlin\","
                              + " \"attribution_window_days\": 30, \"time_zone\":"
                              + " \"Europe/Berlin\"}")))
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content = @Content(examples = @ExampleObject(name = "201", value = NEW_SITE)))
  @APIResponse(
      responseCode = "409",
      description =
          "A site with this site_id exists, or a concurrent create of the same site_id (on any"
              + " instance) came first")
  @APIResponse(responseCode = "422", description = "Every validation problem found")
  @APIResponse(
      responseCode = "503",
      description =
          "Kafka did not take the claim or the site in time, or the site registry is catching up;"
              + " retry after Retry-After")
  public Response createSite(
      InputStream body, @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength) {
    byte[] bytes = BoundedBody.read(body, BoundedBody.MAX_EVENT_BYTES, contentLength);
    SiteRequest request = require(SiteRequest.from(require(JsonBody.parse(bytes))));
    NewSite site =
        administration
            .createSite(request)
            .orElseThrow(() -> new ApiException(409, "Site " + request.siteId() + " exists"));
    return Response.status(201).entity(site).build();
  }

  @PATCH
  @Path("/sites/{site_id}")
  @Operation(
      summary = "Change a site's name, attribution window or time zone",
      description =
          "Fields left out stay as they are. A new time zone applies to events counted from the"
              + " change on; days already counted keep their events.")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              examples =
                  @ExampleObject(name = "time zone", value = "{\"time_zone\": \"Europe/Berlin\"}")))
  @APIResponse(responseCode = "200", description = "The site as it is now")
  @APIResponse(responseCode = "404", description = "Unknown site")
  @APIResponse(
      responseCode = "422",
      description = "Every validation problem found (value_error.time_zone: not an IANA region id)")
  @APIResponse(
      responseCode = "503",
      description = "Kafka did not take the change in time, or the site registry is catching up")
  public SiteView updateSite(
      @PathParam("site_id") String siteId,
      InputStream body,
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength) {
    byte[] bytes = BoundedBody.read(body, BoundedBody.MAX_EVENT_BYTES, contentLength);
    SitePatch patch = require(SitePatch.from(require(JsonBody.parse(bytes))));
    return administration
        .updateSite(siteId, patch)
        .orElseThrow(() -> new ApiException(404, "Site not found"));
  }

  @GET
  @Path("/sites")
  @Operation(summary = "List sites with their keys' ids, prefixes and lifecycle (never the key)")
  public List<SiteView> listSites() {
    return administration.listSites();
  }

  @POST
  @Path("/sites/{site_id}/api-keys")
  @Operation(summary = "Create another API key for a site (shown once)")
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content =
          @Content(
              examples =
                  @ExampleObject(
                      name = "201",
                      value = "{\"key_id\": \"0b6c…\", \"key\": \"sf_live_…\"}")))
  @APIResponse(responseCode = "404", description = "Unknown site")
  public Response createKey(@PathParam("site_id") String siteId) {
    NewKey key =
        administration.createKey(siteId).orElseThrow(() -> new ApiException(404, "Site not found"));
    return Response.status(201).entity(key).build();
  }

  @DELETE
  @Path("/api-keys/{key_id}")
  @Operation(summary = "Revoke a key; every ingest-api instance refuses it within 5 seconds")
  @APIResponse(responseCode = "204", description = "Revoked (also when it already was)")
  @APIResponse(responseCode = "404", description = "Unknown key")
  public Response revokeKey(@PathParam("key_id") String keyId) {
    if (!administration.revokeKey(keyId)) {
      throw new ApiException(404, "API key not found");
    }
    return Response.noContent().build();
  }

  private static <T> T require(Validated<T> validated) {
    if (!validated.isValid()) {
      throw new ValidationFailedException(validated.problems());
    }
    return validated.value();
  }
}
