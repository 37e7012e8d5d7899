package io.llmrouter.cache.accuracy;

import java.util.List;

/** A rule that decides, for a scored pair, whether the cached answer would be served. */
@FunctionalInterface
public interface HitDecision {

    boolean hit(VerifiedPair pair);

    /** Counts this decision's outcomes over the labelled pairs among {@code pairs}. */
    default Confusion evaluate(List<VerifiedPair> pairs, double sameFrom, double differentUpTo) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int tn = 0;
        for (VerifiedPair scored : pairs) {
            LabelledPair pair = scored.pair();
            if (!pair.labelled(sameFrom, differentUpTo)) {
                continue;
            }
            boolean hit = hit(scored);
            if (pair.same(sameFrom)) {
                if (hit) {
                    tp++;
                } else {
                    fn++;
                }
            } else if (hit) {
                fp++;
            } else {
                tn++;
            }
        }
        return new Confusion(tp, fp, fn, tn);
    }

    /** Counts outcomes under the default STS-B cut-offs. */
    default Confusion evaluate(List<VerifiedPair> pairs) {
        return evaluate(pairs, LabelledPair.STSB_SAME_FROM, LabelledPair.STSB_DIFFERENT_UPTO);
    }
}
