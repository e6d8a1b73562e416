package io.scanflow.ingest.http;

import java.util.Map;

/** A request that must be answered with {@code status} and {@code {"detail": ...}}. */
public class ApiException extends RuntimeException {
  private final int status;
  private final Object detail;
  private final Map<String, Object> headers;

  public ApiException(int status, Object detail, Map<String, Object> headers) {
    super(detail.toString(), null, false, false);
    this.status = status;
    this.detail = detail;
    this.headers = Map.copyOf(headers);
  }

  public ApiException(int status, String detail) {
    this(status, detail, Map.of());
  }

  public int status() {
    return status;
  }

  public Object detail() {
    return detail;
  }

  public Map<String, Object> headers() {
    return headers;
  }
}
