package io.llmrouter.cache.bench;

import io.llmrouter.cache.MiniLmEmbedder;
import io.llmrouter.cache.accuracy.Confusion;
import io.llmrouter.cache.accuracy.Corpus;
import io.llmrouter.cache.accuracy.DecisionChoice;
import io.llmrouter.cache.accuracy.Decisions;
import io.llmrouter.cache.accuracy.HitDecision;
import io.llmrouter.cache.accuracy.LogisticFit;
import io.llmrouter.cache.accuracy.PairEmbeddings;
import io.llmrouter.cache.accuracy.ParaphraseData;
import io.llmrouter.cache.accuracy.Sweep;
import io.llmrouter.cache.accuracy.VerifiedPair;
import io.llmrouter.cache.internal.PairFeatures;
import io.llmrouter.cache.internal.VerifierWeights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Measures the semantic hit decision on the labelled paraphrase pairs: cosine alone, then cosine with the verifier,
 * and fits the verifier on the training split. {@code -Drefit=true} writes the fitted setting into the module's
 * resources; otherwise the study only reports. Tables go to stdout and target/semantic-accuracy-tables.md.
 */
class SemanticAccuracyBenchmark {

    /** Only pairs this close are fitted: the verifier never sees pairs below the lowest threshold. */
    private static final double FIT_FROM_COSINE = 0.75;
    private static final double L2 = 1.0;
    private static final double NEGATIVE_WEIGHT = 3.0;
    private static final double MAX_FALSE_HIT_RATE = 0.01;
    /** The limit each training fold must meet; see the margin table in docs/semantic-accuracy.md. */
    private static final double FOLD_FALSE_HIT_RATE = 0.007;
    private static final double[] FOLD_LIMITS_COMPARED = {0.01, 0.008, 0.007, 0.006, 0.005};
    private static final int FOLDS = 5;

    @Test
    void sweep() throws Exception {
        Path target = Path.of("target");
        long start = System.nanoTime();
        List<VerifiedPair> pairs;
        try (MiniLmEmbedder embedder = MiniLmEmbedder.load(target.resolve("minilm"))) {
            pairs = PairEmbeddings.score(ParaphraseData.load(), embedder,
                            Optional.of(target.resolve("paraphrase-embeddings.bin")))
                    .stream().map(VerifiedPair::of).toList();
        }
        System.out.printf(Locale.ROOT, "embedded and scored %d pairs in %.1f s%n", pairs.size(),
                (System.nanoTime() - start) / 1e9);
        PairDump.write(target.resolve("paraphrase-pairs.tsv"), pairs);

        List<VerifiedPair> training = pairs.stream().filter(p -> !p.pair().heldOut() && p.pair().labelled()).toList();
        LogisticFit fit = fit(training);
        Map<VerifiedPair, Double> outOfFold = outOfFoldProbabilities(training);
        DecisionChoice choice = DecisionChoice.choose(training, outOfFold::get, FOLDS, FOLD_FALSE_HIT_RATE);
        VerifierWeights fitted = new VerifierWeights(fit.weights(), fit.bias(), choice.minProbability(),
                choice.threshold());

        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "Fitted on %d training pairs with cosine >= %.2f; chosen on %d-fold "
                        + "out-of-fold probabilities: threshold %.2f, minimum probability %.2f (mean training recall "
                        + "%.1f%%)%n%n", fitRows(training).size(),
                FIT_FROM_COSINE, FOLDS, choice.threshold(), choice.minProbability(), 100 * choice.meanRecall()));
        report.append("Weights:\n\n| feature | weight |\n|---|---|\n");
        report.append(String.format(Locale.ROOT, "| bias | %.3f |%n", fit.bias()));
        for (int i = 0; i < fit.weights().length; i++) {
            report.append(String.format(Locale.ROOT, "| %s | %.3f |%n", PairFeatures.NAMES.get(i), fit.weights()[i]));
        }
        report.append(margins(pairs, training, outOfFold, fit));
        for (Corpus corpus : Corpus.values()) {
            List<VerifiedPair> heldOut = Sweep.select(pairs, VerifiedPair::pair, corpus, true);
            List<VerifiedPair> trainingPart = Sweep.select(pairs, VerifiedPair::pair, corpus, false);
            report.append("\n## ").append(corpus).append(", held-out pairs\n\n### Cosine only\n\n");
            report.append(Sweep.table("threshold", Sweep.thresholds(),
                    t -> Decisions.cosineOnly(t).evaluate(heldOut)));
            report.append("\n### Cosine and hard rules (no model)\n\n");
            report.append(Sweep.table("threshold", Sweep.thresholds(),
                    t -> Decisions.rulesOnly(t).evaluate(heldOut)));
            report.append(String.format(Locale.ROOT, "%n### Cosine and verifier, minimum probability %.2f%n%n",
                    choice.minProbability()));
            report.append(Sweep.table("threshold", Sweep.thresholds(), t -> Decisions.verified(t, fit.weights(),
                    fit.bias(), choice.minProbability()).evaluate(heldOut)));
            report.append(String.format(Locale.ROOT, "%n### Cosine %.2f and verifier, by minimum probability%n%n",
                    choice.threshold()));
            report.append(Sweep.table("min. probability", new double[] {0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98},
                    p -> Decisions.verified(choice.threshold(), fit.weights(), fit.bias(), p).evaluate(heldOut)));
            report.append("\n### The chosen default, training and held-out\n\n");
            HitDecision chosen = Decisions.verified(choice.threshold(), fit.weights(), fit.bias(),
                    choice.minProbability());
            report.append(Sweep.header("split"));
            report.append(Sweep.row("training", chosen.evaluate(trainingPart)));
            report.append(Sweep.row("held-out", chosen.evaluate(heldOut)));
            report.append(rulesAt(choice.threshold(), heldOut));
            if (corpus == Corpus.STSB) {
                report.append(cutOffs(chosen, heldOut));
            }
        }
        System.out.println(report);
        Files.writeString(target.resolve("semantic-accuracy-tables.md"), report);

        if (Boolean.getBoolean("refit")) {
            Path resource = Path.of("src/main/resources/io/llmrouter/cache", VerifierWeights.RESOURCE);
            fitted.write(resource, "Fitted by SemanticAccuracyBenchmark with -Drefit=true on STS-B train and the\n"
                    + "even-numbered QQP pairs; see docs/semantic-accuracy.md. Do not edit by hand.");
            System.out.println("wrote " + resource.toAbsolutePath());
        }
    }

    /**
     * What each per-fold limit would choose, and how that choice fares on the held-out pairs: overall and on the
     * worst quarter of the held-out QQP pairs (the size of SemanticAccuracyTest's subset).
     */
    private static String margins(List<VerifiedPair> pairs, List<VerifiedPair> training,
                                  Map<VerifiedPair, Double> outOfFold, LogisticFit fit) {
        StringBuilder table = new StringBuilder("\n## Per-fold limit on the training pairs and what it gives on "
                + "held-out pairs\n\n| limit per fold | threshold | min. probability | STS-B false-hit rate | "
                + "STS-B recall | QQP false-hit rate | QQP recall | worst QQP quarter false-hit rate |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        List<VerifiedPair> stsb = Sweep.select(pairs, VerifiedPair::pair, Corpus.STSB, true);
        List<VerifiedPair> qqp = Sweep.select(pairs, VerifiedPair::pair, Corpus.QQP, true);
        for (double limit : FOLD_LIMITS_COMPARED) {
            DecisionChoice choice = DecisionChoice.choose(training, outOfFold::get, FOLDS, limit);
            HitDecision decision = Decisions.verified(choice.threshold(), fit.weights(), fit.bias(),
                    choice.minProbability());
            Confusion onStsb = decision.evaluate(stsb);
            Confusion onQqp = decision.evaluate(qqp);
            double worstQuarter = 0;
            for (int quarter = 1; quarter < 8; quarter += 2) {
                int q = quarter;
                worstQuarter = Math.max(worstQuarter, decision.evaluate(
                        qqp.stream().filter(p -> p.pair().index() % 8 == q).toList()).falseHitRate());
            }
            table.append(String.format(Locale.ROOT, "| %.1f%% | %.2f | %.2f | %.2f%% | %.1f%% | %.2f%% | %.1f%% | "
                            + "%.2f%% |%n", 100 * limit, choice.threshold(), choice.minProbability(),
                    100 * onStsb.falseHitRate(), 100 * onStsb.recall(), 100 * onQqp.falseHitRate(),
                    100 * onQqp.recall(), 100 * worstQuarter));
        }
        return table.toString();
    }

    /** Each training pair's probability from a model fitted without its fold. */
    private static Map<VerifiedPair, Double> outOfFoldProbabilities(List<VerifiedPair> training) {
        Map<VerifiedPair, Double> probabilities = new IdentityHashMap<>();
        for (int fold = 0; fold < FOLDS; fold++) {
            int held = fold;
            LogisticFit fit = fit(training.stream().filter(p -> p.pair().index() % FOLDS != held).toList());
            training.stream().filter(p -> p.pair().index() % FOLDS == held)
                    .forEach(p -> probabilities.put(p, p.features().probability(fit.weights(), fit.bias())));
        }
        return probabilities;
    }

    private static LogisticFit fit(List<VerifiedPair> training) {
        List<VerifiedPair> rows = fitRows(training);
        boolean[] labels = new boolean[rows.size()];
        List<double[]> features = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            labels[i] = rows.get(i).pair().same();
            features.add(rows.get(i).features().values());
        }
        return LogisticFit.fit(features, labels, L2, NEGATIVE_WEIGHT, PairFeatures.DIRECTIONS);
    }

    /** Pairs the model decides on: close enough to be candidates, breaking no hard rule, not merely re-punctuated. */
    private static List<VerifiedPair> fitRows(List<VerifiedPair> training) {
        return training.stream()
                .filter(p -> p.cosine() >= FIT_FROM_COSINE && p.features().brokenRule() == null && !p.features().sameWording())
                .toList();
    }

    /** How many candidates above the threshold each hard rule refuses, and how many of them were paraphrases. */
    private static String rulesAt(double threshold, List<VerifiedPair> heldOut) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "%n### Hard rules on held-out candidates with cosine >= %.2f%n%n"
                        + "| rule | refused pairs that differ | refused paraphrases |%n|---|---|---|%n", threshold));
        for (PairFeatures.Rule rule : PairFeatures.Rule.values()) {
            long different = heldOut.stream().filter(p -> p.cosine() >= threshold && p.pair().labelled()
                    && p.features().brokenRule() == rule && !p.pair().same()).count();
            long same = heldOut.stream().filter(p -> p.cosine() >= threshold && p.pair().labelled()
                    && p.features().brokenRule() == rule && p.pair().same()).count();
            table.append(String.format(Locale.ROOT, "| %s | %d | %d |%n", rule, different, same));
        }
        return table.toString();
    }

    /** The chosen decision under other readings of the STS-B scores. */
    private static String cutOffs(HitDecision chosen, List<VerifiedPair> heldOut) {
        StringBuilder table = new StringBuilder("\n### STS-B cut-offs (same from / different up to), chosen default\n\n"
                + "| cut-offs | false-hit rate | precision | recall | hits right / wrong | same / different pairs |\n"
                + "|---|---|---|---|---|---|\n");
        double[][] cuts = {{4.5, 1.5}, {4.0, 2.0}, {4.0, 3.0}, {3.5, 2.5}, {3.0, 3.0}};
        for (double[] cut : cuts) {
            Confusion c = chosen.evaluate(heldOut, cut[0], cut[1] == cut[0] ? cut[1] - 1e-9 : cut[1]);
            table.append(Sweep.row(String.format(Locale.ROOT, ">= %.1f / <= %.1f", cut[0], cut[1]), c));
        }
        return table.toString();
    }

}
