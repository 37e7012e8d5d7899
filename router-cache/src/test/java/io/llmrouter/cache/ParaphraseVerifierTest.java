package io.llmrouter.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ParaphraseVerifierTest {

    /** Close enough that cosine alone would serve every pair below. */
    private static final double CLOSE = 0.97;

    // The pairs expected to match are tested at the cosine MiniLM gives them, as the cache would see them.

    private final ParaphraseVerifier verifier = ParaphraseVerifier.fitted();

    @Test
    void identicalPromptsMatch() {
        assertThat(verifier.accepts("How do I reset my password?", "How do I reset my password?", 1.0)).isTrue();
    }

    @Test
    void aRewordingWithTheSameContentMatches() {
        assertThat(verifier.accepts("How can I reset my password?", "How do I reset my password?", 0.992)).isTrue();
    }

    @Test
    void aChangeOfCaseAndPunctuationAloneMatches() {
        assertThat(verifier.accepts("Why is the sky blue?", "why is the sky blue", 0.9)).isTrue();
    }

    @Test
    void aDroppedQuestionMarkMatchesAtTheCosineItGets() {
        assertThat(verifier.accepts("Why is the sky blue?", "Why is the sky blue", 0.977)).isTrue();
    }

    @Test
    void anAntonymIsRefused() {
        assertThat(verifier.accepts("Is coffee good for your heart?", "Is coffee bad for your heart?", 0.951))
                .isFalse();
    }

    @Test
    void differentNumbersNeverMatch() {
        assertThat(verifier.accepts("What are the top 5 films of the decade?", "What are the top 10 films of the decade?",
                CLOSE)).isFalse();
    }

    @Test
    void aNumberWrittenAsAWordEqualsItsDigits() {
        assertThat(verifier.accepts("What are the two largest moons of Mars?", "What are the 2 largest moons of Mars?",
                0.995)).isTrue();
    }

    @Test
    void aNegatedQuestionNeverMatches() {
        assertThat(verifier.accepts("Is coffee good for your heart?", "Isn't coffee good for your heart?", CLOSE))
                .isFalse();
    }

    @Test
    void differentYearsNeverMatch() {
        assertThat(verifier.accepts("Who won the World Cup in 2018?", "Who won the World Cup in 2022?", CLOSE)).isFalse();
    }

    @Test
    void differentMonthsNeverMatch() {
        assertThat(verifier.accepts("What is the weather like in Lisbon in March?",
                "What is the weather like in Lisbon in October?", CLOSE)).isFalse();
    }

    @Test
    void differentUnitsNeverMatch() {
        assertThat(verifier.accepts("How long is a marathon in km?", "How long is a marathon in miles?", CLOSE))
                .isFalse();
    }

    @Test
    void veryDifferentLengthsNeverMatch() {
        assertThat(verifier.accepts("Explain photosynthesis.",
                "Explain photosynthesis in plants, including the light and dark reactions, for a school exam.", CLOSE))
                .isFalse();
    }

    @Test
    void aSwappedNameIsRefused() {
        assertThat(verifier.accepts("Which is a good rehab center in Martin County, Kentucky?",
                "Which is a good rehab center in Johnson County, Kentucky?", CLOSE)).isFalse();
    }

    @Test
    void aDifferentKindOfQuestionIsRefused() {
        assertThat(verifier.accepts("Why does DNA split?", "How does DNA split?", CLOSE)).isFalse();
    }

    @Test
    void aStricterMinimumServesFewerPairs() {
        String cached = "What is the best way to learn French quickly?";
        String incoming = "How can I learn French fast?";
        double probability = verifier.probability(cached, incoming, 0.9);
        assertThat(verifier.withMinProbability(probability).accepts(cached, incoming, 0.9)).isTrue();
        assertThat(verifier.withMinProbability(Math.min(1.0, probability + 0.01)).accepts(cached, incoming, 0.9))
                .isFalse();
    }

    @Test
    void theDefaultThresholdLiesInTheSweptRange() {
        assertThat(ParaphraseVerifier.DEFAULT_THRESHOLD).isBetween(0.80, 0.98);
    }
}
