package io.scanflow.contract.ratelimit;

/**
 * The answer of a token bucket to one request, with what the {@code RateLimit-*} and {@code
 * Retry-After} headers say.
 *
 * @param limit requests per minute (the bucket's capacity)
 * @param remaining whole tokens left after this request
 * @param resetSeconds whole seconds until the bucket is full again
 * @param retryAfterSeconds whole seconds (at least 1) until a request will be allowed; 0 if allowed
 */
public record RateLimitDecision(
    boolean allowed, int limit, int remaining, long resetSeconds, long retryAfterSeconds) {}
