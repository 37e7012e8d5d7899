package io.llmrouter.cache.accuracy;

/**
 * A labelled pair with the cosine similarity of its two texts' embeddings.
 *
 * @param pair   the pair
 * @param cosine cosine similarity of the two embeddings
 */
public record ScoredPair(LabelledPair pair, double cosine) {
}
