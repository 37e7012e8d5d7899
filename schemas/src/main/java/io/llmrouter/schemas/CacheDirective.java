package io.llmrouter.schemas;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What the router looked up for a cacheable request that missed, so the worker that answers it can fill the cache.
 *
 * @param key         the exact-cache key of the request
 * @param tenant      the cache partition: an API key id, or {@code *} when the cache is shared
 * @param modelGroup  the model or virtual model the caller asked for
 * @param contextHash hash of everything but the last user message that changes the answer
 * @param prompt      the last user message, for the semantic tier; absent when that tier is off
 * @param vector      the prompt's embedding as base64 little-endian float32; absent when that tier is off
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CacheDirective(String key, String tenant, String modelGroup, String contextHash, String prompt,
                             String vector) {

    public CacheDirective {
        Objects.requireNonNull(key, "key is required");
        Objects.requireNonNull(tenant, "tenant is required");
        Objects.requireNonNull(modelGroup, "model_group is required");
        Objects.requireNonNull(contextHash, "context_hash is required");
    }
}
