package io.scanflow.ingest.http;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;

/** The OpenAPI document's title and the two ways to authenticate. */
@OpenAPIDefinition(
    info =
        @Info(
            title = "Scanflow ingest API",
            version = "1",
            description =
                "Server-side conversion tracking for QR-code campaigns. Bodies are JSON whatever"
                    + " the Content-Type."))
@SecuritySchemes({
  @SecurityScheme(
      securitySchemeName = "apiKey",
      type = SecuritySchemeType.APIKEY,
      in = SecuritySchemeIn.HEADER,
      apiKeyName = "X-API-Key"),
  @SecurityScheme(
      securitySchemeName = "adminToken",
      type = SecuritySchemeType.HTTP,
      scheme = "bearer")
})
public class OpenApiDefinition extends Application {}
