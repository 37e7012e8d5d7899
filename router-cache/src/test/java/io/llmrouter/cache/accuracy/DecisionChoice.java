package io.llmrouter.cache.accuracy;

import java.util.List;

/**
 * Chooses the cosine threshold and the verifier's minimum probability on the training pairs: the setting with
 * the highest mean recall over both corpora among those whose false-hit rate stays within the limit on each.
 *
 * @param threshold      the chosen cosine threshold
 * @param minProbability the chosen minimum probability
 * @param meanRecall     the mean training recall it reaches
 */
public record DecisionChoice(double threshold, double minProbability, double meanRecall) {

    /** Searches thresholds 0.80..0.98 and minimum probabilities 0.50..0.99 for the best allowed setting. */
    public static DecisionChoice choose(List<VerifiedPair> training, double[] weights, double bias,
                                        double maxFalseHitRate) {
        List<VerifiedPair> stsb = training.stream().filter(p -> p.pair().corpus() == Corpus.STSB).toList();
        List<VerifiedPair> qqp = training.stream().filter(p -> p.pair().corpus() == Corpus.QQP).toList();
        DecisionChoice best = null;
        for (double threshold : Sweep.thresholds()) {
            for (int percent = 50; percent <= 99; percent++) {
                double minProbability = percent / 100.0;
                HitDecision decision = Decisions.verified(threshold, weights, bias, minProbability);
                Confusion onStsb = decision.evaluate(stsb);
                Confusion onQqp = decision.evaluate(qqp);
                if (onStsb.falseHitRate() > maxFalseHitRate || onQqp.falseHitRate() > maxFalseHitRate) {
                    continue;
                }
                double meanRecall = (onStsb.recall() + onQqp.recall()) / 2;
                if (best == null || meanRecall > best.meanRecall() + 1e-12) {
                    best = new DecisionChoice(threshold, minProbability, meanRecall);
                }
            }
        }
        if (best == null) {
            throw new IllegalStateException("no setting keeps the false-hit rate within " + maxFalseHitRate);
        }
        return best;
    }
}
