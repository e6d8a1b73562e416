package io.scanflow.ingest.http;

import io.scanflow.contract.ScanSession;
import io.scanflow.ingest.auth.Caller;
import io.scanflow.ingest.http.Responses.ScanSessionAccepted;
import io.scanflow.ingest.publish.EventPublisher;
import io.scanflow.ingest.validation.JsonBody;
import io.scanflow.ingest.validation.ScanSessionValidator;
import io.scanflow.ingest.validation.Validated;
import io.smallrye.mutiny.Uni;
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
 * {@code POST /scan-sessions}: the QR redirect service reports a scan. Non-blocking, like {@link
 * ServerEventsResource}.
 */
@Path("/scan-sessions")
@ApiKeyRequired
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Scan sessions")
@SecurityRequirement(name = "apiKey")
public class ScanSessionsResource {
  @Inject CallerContext context;
  @Inject ScanSessionValidator validator;
  @Inject EventPublisher publisher;
  @Inject IngestMetrics metrics;

  @POST
  @Operation(
      summary = "Record a QR-code scan",
      description =
          "Answers 200 after the write to the compacted scan-sessions topic was acknowledged."
              + " Same auth, rate limit and errors as POST /server-events.")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(type = SchemaType.STRING, format = "binary"),
              examples = @ExampleObject(name = "scan", value = ApiExamples.SCAN_SESSION)))
  @APIResponse(
      responseCode = "200",
      description = "Durably written",
      content =
          @Content(examples = @ExampleObject(name = "200", value = ApiExamples.SESSION_ACCEPTED)))
  @APIResponse(
      responseCode = "422",
      description = "Every validation problem found",
      content = @Content(examples = @ExampleObject(name = "422", value = ApiExamples.PROBLEMS)))
  @APIResponse(
      responseCode = "503",
      description = "Kafka did not take the write in time, or the key registry is catching up",
      content = @Content(examples = @ExampleObject(name = "503", value = ApiExamples.UNAVAILABLE)))
  public Uni<ScanSessionAccepted> record(
      @Context HttpServerRequest request,
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
      @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding) {
    Caller caller = context.caller();
    return BoundedBody.read(request, BoundedBody.MAX_EVENT_BYTES, contentLength, contentEncoding)
        .chain(body -> publish(caller, body))
        .invoke(() -> metrics.scanSession("accepted"));
  }

  private Uni<ScanSessionAccepted> publish(Caller caller, byte[] body) {
    ScanSession session =
        require(validator.validate(require(JsonBody.parse(body)), EventIngestion.now()));
    if (!session.siteId().equals(caller.siteId())) {
      metrics.scanSession("rejected");
      throw new ApiException(403, EventIngestion.SITE_MISMATCH);
    }
    return Uni.createFrom()
        .completionStage(publisher.publishScanSession(session))
        .replaceWith(new ScanSessionAccepted(session.scanSessionId(), "accepted"));
  }

  private <T> T require(Validated<T> validated) {
    if (!validated.isValid()) {
      metrics.scanSession("rejected");
      throw new ValidationFailedException(validated.problems());
    }
    return validated.value();
  }
}
