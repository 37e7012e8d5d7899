package io.llmrouter.cache.internal;

import java.util.Arrays;
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
            "wordBigramJaccard", "lengthRatio", "namesDiffer", "questionWordsDiffer", "fewerUnmatchedWords",
            "moreUnmatchedWords", "wordsSubstituted", "namesSubstituted", "nameOnOneSide", "charTrigramJaccard",
            "sameFirstWord", "cosineSquared", "logOneMinusCosine", "sameContentWords", "questionTypeDiffers",
            "whyDiffers", "yesNoDiffers", "sharedWordOrder", "personDiffers", "directionSwapped", "namesReordered",
            "questionCountDiffers");

    /**
     * Which way each feature may push the decision: -1 for a difference flag, which may only count against a
     * match; 0 for a graded measure, which the fit may weigh either way (given the cosine, a pair with much word
     * overlap is one whose few changed words moved the embedding, so overlap can rightly count against it).
     */
    public static final List<Integer> DIRECTIONS = List.of(
            0, 0, 0, 0, 0,
            0, 0, -1, -1, 0,
            0, -1, -1, -1, 0,
            0, 0, 0, 0, -1,
            -1, -1, 0, -1, -1, -1,
            -1);

    /** Words that make a relation one-way: "convert A to B" is not "convert B to A". */
    private static final Set<String> DIRECTIONAL = Set.of("to", "into", "from", "than", "about", "against", "over");

    /** Words compared for order; the comparison is quadratic, and the start of a prompt says most. */
    private static final int ORDER_WINDOW = 128;

    private final double[] values;
    private final Rule brokenRule;
    private final boolean sameWording;

    private PairFeatures(double[] values, Rule brokenRule, boolean sameWording) {
        this.values = values;
        this.brokenRule = brokenRule;
        this.sameWording = sameWording;
    }

    /** Compares two prompts whose embeddings have cosine similarity {@code cosine}. */
    public static PairFeatures of(String first, String second, double cosine) {
        PromptTerms a = PromptTerms.of(first);
        PromptTerms b = PromptTerms.of(second);
        Set<String> sharedWords = intersect(a.contentWords(), b.contentWords());
        int shared = sharedWords.size();
        int sizeA = a.contentWords().size();
        int sizeB = b.contentWords().size();
        int union = sizeA + sizeB - shared;
        int unmatchedA = sizeA - shared;
        int unmatchedB = sizeB - shared;
        double coverageA = sizeA == 0 ? 1.0 : (double) shared / sizeA;
        double coverageB = sizeB == 0 ? 1.0 : (double) shared / sizeB;
        int wordsA = a.words().size();
        int wordsB = b.words().size();
        double lengthRatio = Math.max(1, Math.min(wordsA, wordsB)) / (double) Math.max(1, Math.max(wordsA, wordsB));
        boolean numbersDiffer = !a.numbers().equals(b.numbers());
        boolean negationDiffers = (a.negations() % 2) != (b.negations() % 2);
        boolean datesDiffer = !a.dates().equals(b.dates());
        // A unit named on one side only is usually implied on the other ("under 15000" in a rupee market).
        boolean unitsDiffer = !a.units().isEmpty() && !b.units().isEmpty() && !a.units().equals(b.units());
        boolean nameMissingInB = missingName(a.names(), b);
        boolean nameMissingInA = missingName(b.names(), a);
        boolean questionWordsDiffer = !a.questionWords().isEmpty() && !b.questionWords().isEmpty()
                && !a.questionWords().equals(b.questionWords());
        double[] values = {
            cosine,
            union == 0 ? 1.0 : (double) shared / union,
            Math.min(coverageA, coverageB),
            Math.max(coverageA, coverageB),
            Math.log1p(union - shared),
            bigramJaccard(a.words(), b.words()),
            lengthRatio,
            flag(nameMissingInA || nameMissingInB),
            flag(questionWordsDiffer),
            Math.min(unmatchedA, unmatchedB),
            Math.max(unmatchedA, unmatchedB),
            flag(unmatchedA > 0 && unmatchedB > 0),
            flag(nameMissingInA && nameMissingInB),
            flag(nameMissingInA != nameMissingInB),
            trigramJaccard(charTrigrams(first), charTrigrams(second)),
            flag(!a.words().isEmpty() && !b.words().isEmpty() && a.words().get(0).equals(b.words().get(0))),
            cosine * cosine,
            Math.log(Math.max(1e-6, 1 - cosine)),
            flag(unmatchedA == 0 && unmatchedB == 0),
            flag(!a.questionType().equals(b.questionType())),
            flag(a.questionType().equals("why") != b.questionType().equals("why")),
            flag(a.questionType().equals("yesno") != b.questionType().equals("yesno")),
            sharedWordOrder(a.stems(), b.stems(), sharedWords),
            flag(a.firstPerson() != b.firstPerson() || a.secondPerson() != b.secondPerson()),
            flag(directionSwapped(a.stems(), b.stems(), sharedWords)),
            flag(!sharedNamesInOrder(a, b).equals(sharedNamesInOrder(b, a))),
            flag(a.questions() != b.questions()),
        };
        Rule broken = numbersDiffer ? Rule.NUMBERS_DIFFER
                : negationDiffers ? Rule.NEGATION_DIFFERS
                : datesDiffer ? Rule.DATES_DIFFER
                : unitsDiffer ? Rule.UNITS_DIFFER
                : lengthRatio < Rule.MIN_LENGTH_RATIO ? Rule.LENGTHS_DIFFER
                : null;
        return new PairFeatures(values, broken, a.words().equals(b.words()));
    }

    /** The feature values, in the order of {@link #NAMES}. */
    public double[] values() {
        return values.clone();
    }

    /** The first hard rule the pair breaks, or null when it breaks none. */
    public Rule brokenRule() {
        return brokenRule;
    }

    /**
     * Whether the prompts have the same words in the same order, differing at most in case, spacing and
     * punctuation. Such pairs are served without asking the model, which learnt from question pairs where a
     * near-copy with a high but imperfect cosine usually changed something that matters.
     */
    public boolean sameWording() {
        return sameWording;
    }

    /** The verifier's decision: the same wording, or no broken rule and a probability of at least the minimum. */
    public boolean accepted(double[] weights, double bias, double minProbability) {
        return sameWording || brokenRule == null && probability(weights, bias) >= minProbability;
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
        /** Both name units or currencies, and not the same ones. */
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
        return jaccard(bigrams(a), bigrams(b));
    }

    private static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 1.0;
        }
        int shared = intersect(a, b).size();
        return (double) shared / (a.size() + b.size() - shared);
    }

    /** Distinct lower-case character trigrams, runs of spaces folded to one, each packed into a long and sorted. */
    private static long[] charTrigrams(String text) {
        char[] folded = new char[text.length()];
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = Character.toLowerCase(text.charAt(i));
            boolean space = Character.isWhitespace(c);
            if (space && length > 0 && folded[length - 1] == ' ') {
                continue;
            }
            folded[length++] = space ? ' ' : c;
        }
        long[] trigrams = new long[Math.max(0, length - 2)];
        for (int i = 0; i < trigrams.length; i++) {
            trigrams[i] = ((long) folded[i] << 32) | ((long) folded[i + 1] << 16) | folded[i + 2];
        }
        return Arrays.stream(trigrams).sorted().distinct().toArray();
    }

    private static double trigramJaccard(long[] a, long[] b) {
        if (a.length == 0 && b.length == 0) {
            return 1.0;
        }
        int shared = 0;
        for (int i = 0, j = 0; i < a.length && j < b.length; ) {
            if (a[i] == b[j]) {
                shared++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return (double) shared / (a.length + b.length - shared);
    }

    /** Longest common subsequence of the shared words, over the shorter sequence: 1 when they keep their order. */
    private static double sharedWordOrder(List<String> stemsA, List<String> stemsB, Set<String> shared) {
        List<String> a = stemsA.stream().filter(shared::contains).limit(ORDER_WINDOW).toList();
        List<String> b = stemsB.stream().filter(shared::contains).limit(ORDER_WINDOW).toList();
        int[] previous = new int[b.size() + 1];
        int[] current = new int[b.size() + 1];
        for (String wordA : a) {
            for (int j = 0; j < b.size(); j++) {
                current[j + 1] = wordA.equals(b.get(j)) ? previous[j] + 1 : Math.max(previous[j + 1], current[j]);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return (double) previous[b.size()] / Math.max(1, Math.min(a.size(), b.size()));
    }

    private static Set<String> bigrams(List<String> words) {
        Set<String> bigrams = new HashSet<>();
        for (int i = 1; i < words.size(); i++) {
            bigrams.add(words.get(i - 1) + ' ' + words.get(i));
        }
        return bigrams;
    }

    /** A shared word sits before a one-way word in one prompt and after it in the other. */
    private static boolean directionSwapped(List<String> stemsA, List<String> stemsB, Set<String> shared) {
        for (String direction : DIRECTIONAL) {
            int atA = stemsA.indexOf(direction);
            int atB = stemsB.indexOf(direction);
            if (atA < 0 || atB < 0) {
                continue;
            }
            Set<String> beforeA = new HashSet<>(stemsA.subList(0, atA));
            Set<String> afterA = new HashSet<>(stemsA.subList(atA + 1, stemsA.size()));
            Set<String> beforeB = new HashSet<>(stemsB.subList(0, atB));
            Set<String> afterB = new HashSet<>(stemsB.subList(atB + 1, stemsB.size()));
            for (String word : shared) {
                if (beforeA.contains(word) && !afterA.contains(word) && afterB.contains(word) && !beforeB.contains(word)
                        || afterA.contains(word) && !beforeA.contains(word) && beforeB.contains(word)
                        && !afterB.contains(word)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The names {@code a} shares with {@code b}, in the order {@code a} mentions them. */
    private static List<String> sharedNamesInOrder(PromptTerms a, PromptTerms b) {
        Set<String> namesB = new HashSet<>(b.names());
        return a.words().stream().filter(a.names()::contains).filter(namesB::contains).distinct().toList();
    }

    private static Set<String> intersect(Set<String> a, Set<String> b) {
        Set<String> smaller = a.size() <= b.size() ? a : b;
        Set<String> larger = smaller == a ? b : a;
        Set<String> shared = new HashSet<>();
        for (String item : smaller) {
            if (larger.contains(item)) {
                shared.add(item);
            }
        }
        return shared;
    }

    private static double flag(boolean value) {
        return value ? 1.0 : 0.0;
    }
}
