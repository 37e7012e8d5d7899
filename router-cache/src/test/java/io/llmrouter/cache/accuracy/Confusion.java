package io.llmrouter.cache.accuracy;

/**
 * How a hit decision fared on a set of labelled pairs.
 *
 * @param truePositives  same-meaning pairs it served
 * @param falsePositives different-meaning pairs it served: false hits, each a wrong answer
 * @param falseNegatives same-meaning pairs it missed
 * @param trueNegatives  different-meaning pairs it refused
 */
public record Confusion(int truePositives, int falsePositives, int falseNegatives, int trueNegatives) {

    /** False hits over all different-meaning pairs. */
    public double falseHitRate() {
        return ratio(falsePositives, falsePositives + trueNegatives);
    }

    /** Served pairs that were right. */
    public double precision() {
        return truePositives + falsePositives == 0 ? 1.0 : ratio(truePositives, truePositives + falsePositives);
    }

    /** Same-meaning pairs that were served. */
    public double recall() {
        return ratio(truePositives, truePositives + falseNegatives);
    }

    public int positives() {
        return truePositives + falseNegatives;
    }

    public int negatives() {
        return falsePositives + trueNegatives;
    }

    private static double ratio(int part, int whole) {
        return whole == 0 ? 0.0 : (double) part / whole;
    }
}
