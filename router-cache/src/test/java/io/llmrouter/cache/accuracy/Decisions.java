package io.llmrouter.cache.accuracy;

/** The hit decisions the accuracy study compares. */
public final class Decisions {

    private Decisions() {
    }

    /** Serve whenever the cosine reaches the threshold. */
    public static HitDecision cosineOnly(double threshold) {
        return pair -> pair.cosine() >= threshold;
    }

    /** Serve when the cosine reaches the threshold and no hard rule is broken. */
    public static HitDecision rulesOnly(double threshold) {
        return pair -> pair.cosine() >= threshold && pair.features().brokenRule() == null;
    }

    /** The full decision: cosine threshold, then the verifier (same wording, or hard rules and the model). */
    public static HitDecision verified(double threshold, double[] weights, double bias, double minProbability) {
        return pair -> pair.cosine() >= threshold && pair.features().accepted(weights, bias, minProbability);
    }
}
