package io.llmrouter.cache;

import java.util.Objects;

/**
 * What two requests must share before their prompts may be compared at all.
 *
 * @param tenant      the API key id when the cache is partitioned per tenant, else {@code "*"}
 * @param modelGroup  the model or virtual model group the request asked for
 * @param contextHash hash of everything but the last user message that changes the answer: system prompt,
 *                    earlier turns, tools and answer-changing parameters
 */
public record SemanticScope(String tenant, String modelGroup, String contextHash) {

    public SemanticScope {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(modelGroup, "modelGroup");
        Objects.requireNonNull(contextHash, "contextHash");
    }
}
