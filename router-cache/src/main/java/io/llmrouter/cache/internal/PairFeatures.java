package io.llmrouter.cache.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the verifier knows about two prompts besides their cosine: which hard rules they break and the numeric
 * features its logistic model weighs.
 */
public final class PairFeatures {

    /** Names of the model's features, in the order of {@link #values}. */
    public static final List<String> NAMES = List.of(
            "cosine", "contentJaccard", "contentCoverageMin", "contentCoverageMax", "unmatchedContentWords",
            "wordBigramJaccard", "lengthRatio", "namesDiffer", "questionWordDiffers", "numbersDiffer",
            "negationDiffers", "datesDiffer", "unitsDiffer");

    private final double[] values;
    private final Rule brokenRule;

    private PairFeatures(double[] values, Rule brokenRule) {
        this.values = values;
        this.brokenRule = brokenRule;
    }

    /** Compares two prompts whose embeddings have cosine similarity {@code cosine}. */
    public static PairFeatures of(String first, String second, double cosine) {
        PromptTerms a = PromptTerms.of(first);
        PromptTerms b = PromptTerms.of(second);
        int shared = intersection(a.contentWords(), b.contentWords());
        int sizeA = a.contentWords().size();
        int sizeB = b.contentWords().size();
        int union = sizeA + sizeB - shared;
        double coverageA = sizeA == 0 ? 1.0 : (double) shared / sizeA;
        double coverageB = sizeB == 0 ? 1.0 : (double) shared / sizeB;
        int wordsA = a.words().size();
        int wordsB = b.words().size();
        double lengthRatio = Math.max(1, Math.min(wordsA, wordsB)) / (double) Math.max(1, Math.max(wordsA, wordsB));
        boolean numbersDiffer = !a.numbers().equals(b.numbers());
        boolean negationDiffers = (a.negations() % 2) != (b.negations() % 2);
        boolean datesDiffer = !a.dates().equals(b.dates());
        boolean unitsDiffer = !a.units().equals(b.units());
        boolean namesDiffer = missingName(a.names(), b) || missingName(b.names(), a);
        boolean questionWordDiffers = !a.questionWords().isEmpty() && !b.questionWords().isEmpty()
                && !a.questionWords().equals(b.questionWords());
        double[] values = {
            cosine,
            union == 0 ? 1.0 : (double) shared / union,
            Math.min(coverageA, coverageB),
            Math.max(coverageA, coverageB),
            Math.log1p(union - shared),
            bigramJaccard(a.words(), b.words()),
            lengthRatio,
            flag(namesDiffer),
            flag(questionWordDiffers),
            flag(numbersDiffer),
            flag(negationDiffers),
            flag(datesDiffer),
            flag(unitsDiffer),
        };
        Rule broken = numbersDiffer ? Rule.NUMBERS_DIFFER
                : negationDiffers ? Rule.NEGATION_DIFFERS
                : datesDiffer ? Rule.DATES_DIFFER
                : unitsDiffer ? Rule.UNITS_DIFFER
                : lengthRatio < Rule.MIN_LENGTH_RATIO ? Rule.LENGTHS_DIFFER
                : null;
        return new PairFeatures(values, broken);
    }

    /** The feature values, in the order of {@link #NAMES}. */
    public double[] values() {
        return values.clone();
    }

    /** The first hard rule the pair breaks, or null when it breaks none. */
    public Rule brokenRule() {
        return brokenRule;
    }

    /** Weighted sum of the features plus the bias, the log-odds that the prompts mean the same. */
    double logOdds(double[] weights, double bias) {
        double sum = bias;
        for (int i = 0; i < values.length; i++) {
            sum += weights[i] * values[i];
        }
        return sum;
    }

    /** The probability the model gives that the two prompts mean the same. */
    public double probability(double[] weights, double bias) {
        return 1.0 / (1.0 + Math.exp(-logOdds(weights, bias)));
    }

    /** A difference that alone means the prompts ask different things, whatever the embeddings say. */
    public enum Rule {
        /** One mentions a number the other does not ("top 5" and "top 10"). */
        NUMBERS_DIFFER,
        /** One is negated and the other is not. */
        NEGATION_DIFFERS,
        /** They name different months, weekdays, years or relative days. */
        DATES_DIFFER,
        /** They use different units or currencies. */
        UNITS_DIFFER,
        /** One is less than {@value #MIN_LENGTH_RATIO} times as long as the other. */
        LENGTHS_DIFFER;

        /** Shortest length, in words, relative to the longer prompt that may still be a paraphrase. */
        public static final double MIN_LENGTH_RATIO = 0.4;
    }

    private static boolean missingName(Set<String> names, PromptTerms other) {
        for (String name : names) {
            if (!other.words().contains(name) && !other.contentWords().contains(PromptTerms.stem(name))) {
                return true;
            }
        }
        return false;
    }

    private static double bigramJaccard(List<String> a, List<String> b) {
        Set<String> bigramsA = bigrams(a);
        Set<String> bigramsB = bigrams(b);
        if (bigramsA.isEmpty() && bigramsB.isEmpty()) {
            return 1.0;
        }
        int shared = intersection(bigramsA, bigramsB);
        return (double) shared / (bigramsA.size() + bigramsB.size() - shared);
    }

    private static Set<String> bigrams(List<String> words) {
        Set<String> bigrams = new HashSet<>();
        for (int i = 1; i < words.size(); i++) {
            bigrams.add(words.get(i - 1) + ' ' + words.get(i));
        }
        return bigrams;
    }

    private static int intersection(Set<String> a, Set<String> b) {
        Set<String> smaller = a.size() <= b.size() ? a : b;
        Set<String> larger = smaller == a ? b : a;
        int count = 0;
        for (String item : smaller) {
            if (larger.contains(item)) {
                count++;
            }
        }
        return count;
    }

    private static double flag(boolean value) {
        return value ? 1.0 : 0.0;
    }
}
