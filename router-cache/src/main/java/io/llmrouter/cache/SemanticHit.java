package io.llmrouter.cache;

/**
 * A cached answer close enough in meaning to serve.
 *
 * @param key        the exact-cache key of the cached answer
 * @param similarity cosine similarity of the two prompts' embeddings
 */
public record SemanticHit(String key, double similarity) {
}
