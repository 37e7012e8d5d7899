package io.llmrouter.cache;

import io.llmrouter.cache.internal.PairFeatures;
import io.llmrouter.cache.internal.VerifierWeights;

/**
 * The second stage of a semantic hit. It refuses pairs that break a hard rule (different numbers, negation,
 * dates, units, or very different lengths), then asks a logistic model fitted on labelled paraphrase pairs
 * whether the two prompts mean the same, and serves only when that probability reaches a minimum.
 * Runs in microseconds: a regular expression and set lookups, no model call.
 */
public final class ParaphraseVerifier implements HitVerifier {

    private static final VerifierWeights FITTED = VerifierWeights.load(ParaphraseVerifier.class);

    /**
     * Cosine similarity from which the index offers a candidate to this verifier; chosen with the verifier on
     * labelled data (see docs/semantic-accuracy.md). Below it nothing is served whatever the verifier says.
     */
    public static final double DEFAULT_THRESHOLD = FITTED.threshold();

    private final VerifierWeights setting;
    private final double[] weights;

    private ParaphraseVerifier(VerifierWeights setting) {
        this.setting = setting;
        this.weights = setting.weights();
    }

    /** The verifier with the weights and minimum probability fitted on the labelled data. */
    public static ParaphraseVerifier fitted() {
        return new ParaphraseVerifier(FITTED);
    }

    /**
     * A verifier with a model of one's own.
     *
     * @param weights        one weight per feature, in the order of {@code PairFeatures.NAMES}
     * @param bias           the model's intercept
     * @param minProbability the probability of same meaning from which a hit is served
     */
    public static ParaphraseVerifier of(double[] weights, double bias, double minProbability) {
        return new ParaphraseVerifier(new VerifierWeights(weights, bias, minProbability, DEFAULT_THRESHOLD));
    }

    /** The same model with another minimum probability: higher serves fewer hits and fewer wrong ones. */
    public ParaphraseVerifier withMinProbability(double minProbability) {
        return of(weights, setting.bias(), minProbability);
    }

    @Override
    public boolean accepts(String cachedPrompt, String incomingPrompt, double cosine) {
        return PairFeatures.of(cachedPrompt, incomingPrompt, cosine)
                .accepted(weights, setting.bias(), setting.minProbability());
    }

    /** The model's probability that the two prompts mean the same, before the hard rules. */
    public double probability(String cachedPrompt, String incomingPrompt, double cosine) {
        return PairFeatures.of(cachedPrompt, incomingPrompt, cosine).probability(weights, setting.bias());
    }

    /** The probability of same meaning from which a hit is served. */
    public double minProbability() {
        return setting.minProbability();
    }
}
