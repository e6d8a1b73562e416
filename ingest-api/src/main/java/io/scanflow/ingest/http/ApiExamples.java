package io.scanflow.ingest.http;

/** JSON examples shown in the OpenAPI document and Swagger UI. */
final class ApiExamples {
  static final String EVENT =
      """
      {"site_id": "shop-berlin", "event_name": "purchase",
       "scan_session_id": "6f1c2a4e-8a57-4c1e-9d1a-3b2f1e0c9a77",
       "event_id": "order-10045", "event_time": "2026-11-26T08:15:30.123Z",
       "properties": {"order_id": "10045", "items": 3},
       "conversion_value": {"amount": 59.90, "currency": "EUR"},
       "user_identifiers": {"email_hash":
         "b4c9a289323b21a01c3e940f150eb9b8c542587f1abfd8f0e1cc1ffc5e475514"}}
      """;
  static final String BATCH =
      """
      {"events": [
        {"site_id": "shop-berlin", "event_name": "signup",
         "scan_session_id": "6f1c2a4e-8a57-4c1e-9d1a-3b2f1e0c9a77", "event_id": "signup-1"},
        {"site_id": "shop-berlin", "event_name": "purchase", "event_id": "order-2"}]}
      """;
  static final String SCAN_SESSION =
      """
      {"scan_session_id": "6f1c2a4e-8a57-4c1e-9d1a-3b2f1e0c9a77", "site_id": "shop-berlin",
       "qr_code_id": "poster-42", "scanned_at": "2026-11-26T08:01:02Z", "campaign": "winter-sale"}
      """;
  static final String ACCEPTED = "{\"event_id\": \"order-10045\", \"status\": \"accepted\"}";
  static final String BATCH_RESULT =
      """
      {"accepted": 1, "rejected": 1, "results": [
        {"index": 0, "event_id": "signup-1", "status": "accepted"},
        {"index": 1, "status": "rejected", "detail": [{"loc": ["body", "events", 1,
          "scan_session_id"], "msg": "field required", "type": "value_error.missing"}]}]}
      """;
  static final String SESSION_ACCEPTED =
      "{\"scan_session_id\": \"6f1c2a4e-8a57-4c1e-9d1a-3b2f1e0c9a77\", \"status\": \"accepted\"}";
  static final String PROBLEMS =
      """
      {"detail": [{"loc": ["body", "scan_session_id"], "msg": "field required",
        "type": "value_error.missing"}]}
      """;
  static final String MISSING_KEY = "{\"detail\": \"Missing API key\"}";
  static final String INVALID_KEY = "{\"detail\": \"Invalid or revoked API key\"}";
  static final String RATE_LIMITED =
      "{\"detail\": \"Rate limit exceeded: 1000 requests per minute per API key\"}";
  static final String TOO_LARGE = "{\"detail\": \"Request body exceeds 65536 bytes\"}";
  static final String UNSUPPORTED_ENCODING = "{\"detail\": \"Unsupported Content-Encoding: br\"}";
  static final String UNAVAILABLE = "{\"detail\": \"Event store unavailable, retry later\"}";
  static final String REGISTRY_BEHIND = "{\"detail\": \"" + ApiKeyFilter.REGISTRY_BEHIND + "\"}";

  private ApiExamples() {}
}
