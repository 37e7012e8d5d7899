package io.llmrouter.cache.bench;

import io.llmrouter.cache.ParaphraseVerifier;
import io.llmrouter.cache.accuracy.LabelledPair;
import io.llmrouter.cache.accuracy.ParaphraseData;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Time per {@link ParaphraseVerifier#accepts} call over every labelled pair: it runs on the request path. */
class ParaphraseVerifierBenchmark {

    private static final int ROUNDS = 5;

    @Test
    void microsecondsPerDecision() {
        List<LabelledPair> pairs = ParaphraseData.load();
        ParaphraseVerifier verifier = ParaphraseVerifier.fitted();
        int accepted = 0;
        for (LabelledPair pair : pairs) {
            accepted += verifier.accepts(pair.first(), pair.second(), 0.9) ? 1 : 0;
        }
        long start = System.nanoTime();
        for (int round = 0; round < ROUNDS; round++) {
            for (LabelledPair pair : pairs) {
                accepted += verifier.accepts(pair.first(), pair.second(), 0.9) ? 1 : 0;
            }
        }
        double micros = (System.nanoTime() - start) / 1e3 / (ROUNDS * pairs.size());
        System.out.printf(Locale.ROOT, "ParaphraseVerifier.accepts: %.1f µs per call over %d pairs x %d rounds "
                + "(mean prompt %.0f characters; %d accepted)%n", micros, pairs.size(), ROUNDS,
                pairs.stream().mapToInt(p -> p.first().length()).average().orElse(0), accepted);
    }
}
