package io.llmrouter.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Tokens, cost and latency of one served request, published on {@link Topics#USAGE}.
 *
 * @param requestId        the request served
 * @param timestamp        epoch milliseconds when it completed
 * @param provider         provider id
 * @param model            model name
 * @param priority         the request's priority
 * @param apiKeyId         virtual key id, when the request had one
 * @param promptTokens     input tokens
 * @param completionTokens output tokens
 * @param costUsd          price of the call from the configured per-model prices
 * @param latencyMs        upstream call duration
 * @param cacheHit         true when a cache answered: no upstream call, tokens and cost are zero
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UsageEvent(String requestId, long timestamp, String provider, String model, Priority priority,
                         String apiKeyId, long promptTokens, long completionTokens, double costUsd,
                         long latencyMs, Boolean cacheHit) {

    /** Usage of a request an upstream served. */
    public UsageEvent(String requestId, long timestamp, String provider, String model, Priority priority,
                      String apiKeyId, long promptTokens, long completionTokens, double costUsd, long latencyMs) {
        this(requestId, timestamp, provider, model, priority, apiKeyId, promptTokens, completionTokens, costUsd,
                latencyMs, null);
    }

    /** Usage of a request a cache answered: nothing spent upstream. */
    public static UsageEvent cacheHit(String requestId, long timestamp, String provider, String model,
                                      Priority priority, String apiKeyId) {
        return new UsageEvent(requestId, timestamp, provider, model, priority, apiKeyId, 0, 0, 0.0, 0, true);
    }
}
