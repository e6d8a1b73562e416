package io.scanflow.ingest.http;

import io.scanflow.ingest.auth.Caller;
import io.scanflow.ingest.http.Responses.BatchOutcome;
import io.scanflow.ingest.http.Responses.EventAccepted;
import io.scanflow.ingest.http.Responses.ValidationPassed;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /server-events}, {@code /batch} and {@code /validate}. The body is read as raw bytes
 * whatever the Content-Type, within the size limit, and parsed as JSON by us. Non-blocking: the
 * body is collected on the event loop, checked there (a batch on a worker), and the answer
 * completes from Kafka's acknowledgement, so no thread waits for the broker.
 */
@Path("/server-events")
@ApiKeyRequired
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Server events")
@SecurityRequirement(name = "apiKey")
@APIResponse(
    responseCode = "401",
    description = "No X-API-Key header",
    content = @Content(examples = @ExampleObject(name = "401", value = ApiExamples.MISSING_KEY)))
@APIResponse(
    responseCode = "403",
    description = "Unknown or revoked key, or site_id of another site",
    content = @Content(examples = @ExampleObject(name = "403", value = ApiExamples.INVALID_KEY)))
@APIResponse(
    responseCode = "413",
    description = "Body over 64 KB (1 MB for a batch), counted after gzip/deflate inflation",
    content = @Content(examples = @ExampleObject(name = "413", value = ApiExamples.TOO_LARGE)))
@APIResponse(
    responseCode = "415",
    description = "Content-Encoding other than gzip, deflate or identity",
    content =
        @Content(examples = @ExampleObject(name = "415", value = ApiExamples.UNSUPPORTED_ENCODING)))
@APIResponse(
    responseCode = "422",
    description = "Not JSON (or a corrupt gzip/deflate stream), or every validation problem found",
    content = @Content(examples = @ExampleObject(name = "422", value = ApiExamples.PROBLEMS)))
@APIResponse(
    responseCode = "429",
    description = "Rate limit exceeded; see Retry-After",
    content = @Content(examples = @ExampleObject(name = "429", value = ApiExamples.RATE_LIMITED)))
public class ServerEventsResource {
  @Inject CallerContext context;
  @Inject EventIngestion ingestion;

  @POST
  @Operation(
      summary = "Record one server event",
      description = "Answers 200 only after Kafka acknowledged the write (acks=all).")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(type = SchemaType.STRING, format = "binary"),
              examples = @ExampleObject(name = "purchase", value = ApiExamples.EVENT)))
  @APIResponse(
      responseCode = "200",
      description = "Durably written",
      content = @Content(examples = @ExampleObject(name = "200", value = ApiExamples.ACCEPTED)))
  @APIResponse(
      responseCode = "503",
      description =
          "Kafka did not take the write in time, or the key registry is catching up; retry after"
              + " Retry-After",
      content = @Content(examples = @ExampleObject(name = "503", value = ApiExamples.UNAVAILABLE)))
  public Uni<EventAccepted> ingest(
      @Context HttpServerRequest request,
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
      @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding) {
    Caller caller = context.caller();
    return BoundedBody.read(request, BoundedBody.MAX_EVENT_BYTES, contentLength, contentEncoding)
        .chain(body -> ingestion.ingest(caller, body))
        .map(eventId -> new EventAccepted(eventId, "accepted"));
  }

  @POST
  @Path("/batch")
  @Operation(
      summary = "Record up to 500 events in one request",
      description =
          "Per-event results; a site_id of another site fails the whole request with 403, a"
              + " Kafka failure with 503. Counts as one request for the rate limit.")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(type = SchemaType.STRING, format = "binary"),
              examples = @ExampleObject(name = "batch", value = ApiExamples.BATCH)))
  @APIResponse(
      responseCode = "200",
      description = "Result per event, in order",
      content = @Content(examples = @ExampleObject(name = "200", value = ApiExamples.BATCH_RESULT)))
  @APIResponse(
      responseCode = "503",
      description =
          "Kafka did not take the writes in time, or the key registry is catching up; resend the"
              + " whole batch",
      content = @Content(examples = @ExampleObject(name = "503", value = ApiExamples.UNAVAILABLE)))
  public Uni<BatchOutcome> batch(
      @Context HttpServerRequest request,
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
      @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding) {
    Caller caller = context.caller();
    // Up to 500 events take milliseconds to check: on a worker, so that the event loop keeps
    // answering single events meanwhile; the worker is free again before Kafka is waited for.
    return BoundedBody.read(request, BoundedBody.MAX_BATCH_BYTES, contentLength, contentEncoding)
        .emitOn(Infrastructure.getDefaultWorkerPool())
        .chain(body -> ingestion.batch(caller, body));
  }

  @POST
  @Path("/validate")
  @Operation(
      summary = "Dry run: check an event without storing it",
      description = "Runs every check of POST /server-events and writes nothing.")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(type = SchemaType.STRING, format = "binary"),
              examples = @ExampleObject(name = "purchase", value = ApiExamples.EVENT)))
  @APIResponse(
      responseCode = "200",
      description = "The event would be accepted",
      content = @Content(examples = @ExampleObject(name = "200", value = "{\"valid\": true}")))
  @APIResponse(
      responseCode = "503",
      description = "The key registry is catching up; retry after Retry-After",
      content =
          @Content(examples = @ExampleObject(name = "503", value = ApiExamples.REGISTRY_BEHIND)))
  public Uni<ValidationPassed> validate(
      @Context HttpServerRequest request,
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
      @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding) {
    Caller caller = context.caller();
    return BoundedBody.read(request, BoundedBody.MAX_EVENT_BYTES, contentLength, contentEncoding)
        .map(
            body -> {
              ingestion.validateOnly(caller, body);
              return new ValidationPassed(true);
            });
  }
}
