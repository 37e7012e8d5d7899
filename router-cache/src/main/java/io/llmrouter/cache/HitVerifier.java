package io.llmrouter.cache;

/**
 * The second stage of a semantic hit: given two prompts whose embeddings are close, decides whether
 * they really ask the same thing (catches different numbers, names, negation and the like).
 */
@FunctionalInterface
public interface HitVerifier {

    /** A verifier that trusts the embeddings alone. */
    HitVerifier COSINE_ONLY = (cached, incoming, cosine) -> true;

    /** True when an answer cached for {@code cachedPrompt} may answer {@code incomingPrompt}. */
    boolean accepts(String cachedPrompt, String incomingPrompt, double cosine);
}
