package io.llmrouter.cache.accuracy;

import io.llmrouter.cache.internal.PairFeatures;

/**
 * A scored pair with what the verifier computes for it, so that sweeps over thresholds need not recompute it.
 *
 * @param scored      the pair and its cosine
 * @param features    the verifier's view of the pair
 */
public record VerifiedPair(ScoredPair scored, PairFeatures features) {

    public static VerifiedPair of(ScoredPair scored) {
        return new VerifiedPair(scored, PairFeatures.of(scored.pair().first(), scored.pair().second(), scored.cosine()));
    }

    public LabelledPair pair() {
        return scored.pair();
    }

    public double cosine() {
        return scored.cosine();
    }
}
