package io.llmrouter.cache.accuracy;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Chooses the cosine threshold and the verifier's minimum probability on the training pairs: the setting with the
 * highest mean recall over both corpora among those whose false-hit rate stays within the limit on every fold of
 * each corpus. Asking it of every fold, not of the whole, keeps the limit on samples the size of a test's subset
 * (about 800 different-meaning pairs), where a rate that is only right on average would break it.
 *
 * @param threshold      the chosen cosine threshold
 * @param minProbability the chosen minimum probability
 * @param meanRecall     the mean training recall it reaches
 */
public record DecisionChoice(double threshold, double minProbability, double meanRecall) {

    /**
     * Searches thresholds 0.80..0.98 and minimum probabilities 0.50..0.99 for the best allowed setting.
     *
     * @param probability the model's probability for a pair; out-of-fold, so that the choice is not flattered by
     *                    pairs the model was fitted on
     * @param folds       how many folds (by pair index) the limit must hold on
     */
    public static DecisionChoice choose(List<VerifiedPair> training, ToDoubleFunction<VerifiedPair> probability,
                                        int folds, double maxFalseHitRate) {
        DecisionChoice best = null;
        for (double threshold : Sweep.thresholds()) {
            for (int percent = 50; percent <= 99; percent++) {
                double minProbability = percent / 100.0;
                HitDecision decision = pair -> pair.cosine() >= threshold && (pair.features().sameWording()
                        || pair.features().brokenRule() == null && probability.applyAsDouble(pair) >= minProbability);
                if (!withinLimitOnEveryFold(decision, training, folds, maxFalseHitRate)) {
                    continue;
                }
                double meanRecall = (decision.evaluate(of(training, Corpus.STSB)).recall()
                        + decision.evaluate(of(training, Corpus.QQP)).recall()) / 2;
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

    private static boolean withinLimitOnEveryFold(HitDecision decision, List<VerifiedPair> training, int folds,
                                                  double maxFalseHitRate) {
        for (Corpus corpus : Corpus.values()) {
            for (int fold = 0; fold < folds; fold++) {
                int k = fold;
                List<VerifiedPair> part = of(training, corpus).stream()
                        .filter(p -> p.pair().index() % folds == k).toList();
                if (decision.evaluate(part).falseHitRate() > maxFalseHitRate) {
                    return false;
                }
            }
        }
        return true;
    }

    private static List<VerifiedPair> of(List<VerifiedPair> pairs, Corpus corpus) {
        return pairs.stream().filter(p -> p.pair().corpus() == corpus).toList();
    }
}
