package io.scanflow.reports;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;

/**
 * The OpenAPI document's title and the three ways to authenticate (pipeline.md §4): the admin
 * token, the dashboard's session cookie, or a site's own API key for that site's reports.
 */
@OpenAPIDefinition(
    info =
        @Info(
            title = "Scanflow reports API",
            version = "1",
            description =
                "Reports of tracking sites and the pipeline's health, read from PostgreSQL."))
@SecuritySchemes({
  @SecurityScheme(
      securitySchemeName = "adminToken",
      type = SecuritySchemeType.HTTP,
      scheme = "bearer"),
  @SecurityScheme(
      securitySchemeName = "dashboardSession",
      type = SecuritySchemeType.APIKEY,
      in = SecuritySchemeIn.COOKIE,
      apiKeyName = "scanflow_admin"),
  @SecurityScheme(
      securitySchemeName = "apiKey",
      type = SecuritySchemeType.APIKEY,
      in = SecuritySchemeIn.HEADER,
      apiKeyName = "X-API-Key")
})
public class OpenApiDefinition extends Application {}
