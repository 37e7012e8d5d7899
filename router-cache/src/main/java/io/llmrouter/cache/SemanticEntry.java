package io.llmrouter.cache;

import java.util.Objects;

/**
 * One cached answer as the semantic tier sees it.
 *
 * @param key       the exact-cache key of the cached request; identifies the answer
 * @param scope     where it may be found
 * @param prompt    the last user message of the cached request
 * @param vector    the prompt's unit-length embedding
 * @param expiresAt epoch milliseconds after which the entry is gone
 */
public record SemanticEntry(String key, SemanticScope scope, String prompt, float[] vector, long expiresAt) {

    public SemanticEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(vector, "vector");
    }
}
