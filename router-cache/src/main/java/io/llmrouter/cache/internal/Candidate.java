package io.llmrouter.cache.internal;

/** An entry near a query vector, with the cosine similarity of the two. */
public record Candidate(StoredEntry stored, double similarity) {
}
