package io.scanflow.ingest.http;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Every error body: {@code {"detail": "<message>"}} or {@code {"detail": [<problems>]}}. */
public record ErrorBody(@JsonProperty("detail") Object detail) {}
