package io.llmrouter.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What the caller asks of the router beyond the OpenAI body; every field is optional.
 *
 * @param strategy  routing strategy name, e.g. {@code cost}
 * @param noCache   true to skip the caches for this request
 * @param timeoutMs how long the caller waits for a reply
 * @param apiKeyId  the id (never the secret) of the virtual key the request came with
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoutingHints(String strategy, Boolean noCache, Long timeoutMs, String apiKeyId) {

    /** No hints: the router's defaults apply. */
    public static final RoutingHints NONE = new RoutingHints(null, null, null, null);
}
