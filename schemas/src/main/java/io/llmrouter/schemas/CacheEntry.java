package io.llmrouter.schemas;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One cached answer on the compacted {@link Topics#CACHE} topic, keyed by its exact-cache key.
 *
 * @param directive what was looked up: key, scope and, for the semantic tier, prompt and embedding
 * @param provider  the provider that produced the answer
 * @param model     the model that produced the answer
 * @param response  the OpenAI chat completion that answered it
 * @param createdAt epoch milliseconds when the answer was cached
 * @param expiresAt epoch milliseconds after which it is never served
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CacheEntry(CacheDirective directive, String provider, String model, ObjectNode response,
                         long createdAt, long expiresAt) {

    public CacheEntry {
        Objects.requireNonNull(directive, "directive is required");
        Objects.requireNonNull(response, "response is required");
    }

    /** True once the entry must no longer be served. */
    public boolean isExpired(long nowMillis) {
        return nowMillis >= expiresAt;
    }
}
