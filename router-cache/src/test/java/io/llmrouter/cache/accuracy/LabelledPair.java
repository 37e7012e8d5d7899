package io.llmrouter.cache.accuracy;

/**
 * Two texts and how alike people judged them.
 *
 * @param corpus  where the pair comes from
 * @param index   its position in its file, which fixes its split
 * @param first   the first text
 * @param second  the second text
 * @param score   STS-B: 0 to 5; QQP: 1 for a duplicate, 0 otherwise
 * @param heldOut true for pairs kept out of fitting and threshold choice
 */
public record LabelledPair(Corpus corpus, int index, String first, String second, double score, boolean heldOut) {

    /** STS-B scores from which a pair counts as the same question. */
    public static final double STSB_SAME_FROM = 4.0;
    /** STS-B scores up to which a pair counts as different. */
    public static final double STSB_DIFFERENT_UPTO = 2.0;

    /** Whether the pair has a clear label under the default STS-B cut-offs. */
    public boolean labelled() {
        return labelled(STSB_SAME_FROM, STSB_DIFFERENT_UPTO);
    }

    /** Whether the pair means the same under the default STS-B cut-offs; only for {@link #labelled()} pairs. */
    public boolean same() {
        return same(STSB_SAME_FROM);
    }

    /** Whether the pair has a clear label when STS-B "same" starts at {@code sameFrom} and "different" ends at {@code differentUpTo}. */
    public boolean labelled(double sameFrom, double differentUpTo) {
        return corpus == Corpus.QQP || score >= sameFrom || score <= differentUpTo;
    }

    /** Whether the pair means the same when STS-B "same" starts at {@code sameFrom}. */
    public boolean same(double sameFrom) {
        return corpus == Corpus.QQP ? score >= 1.0 : score >= sameFrom;
    }
}
