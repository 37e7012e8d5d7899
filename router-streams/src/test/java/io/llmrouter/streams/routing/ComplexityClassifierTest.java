package io.llmrouter.streams.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.llmrouter.config.ClassifierSettings;
import io.llmrouter.streams.internal.routing.ComplexityClassifier;
import org.junit.jupiter.api.Test;

/** The complexity classifier against hand-labelled prompts, and its individual signals. */
class ComplexityClassifierTest {

    private final ComplexityClassifier classifier = new ComplexityClassifier(ClassifierSettings.DEFAULTS);

    private record Labelled(boolean complex, String prompt) {
    }

    private static List<Labelled> labelled(String file) throws IOException {
        try (InputStream in = ComplexityClassifierTest.class.getResourceAsStream("/classifier/" + file)) {
            List<Labelled> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t", 2);
                rows.add(new Labelled("complex".equals(parts[0]), parts[1].replace("\\n", "\n").replace("\\t", "\t")));
            }
            return rows;
        }
    }

    private boolean judge(String prompt) {
        return classifier.classify(prompt, prompt.length() / 4).complex();
    }

    private List<String> misjudged(List<Labelled> rows, String set) {
        List<String> wrong = new ArrayList<>();
        for (Labelled row : rows) {
            if (judge(row.prompt()) != row.complex()) {
                wrong.add((row.complex() ? "complex judged simple: " : "simple judged complex: ") + row.prompt());
            }
        }
        System.out.printf("Classifier on %s: %d of %d right; wrong: %s%n", set, rows.size() - wrong.size(),
                rows.size(), wrong);
        return wrong;
    }

    @Test
    void agreesWithAtLeastNinetyPercentOfTheLabelledPrompts() throws IOException {
        List<Labelled> rows = labelled("labelled-prompts.tsv");

        List<String> wrong = misjudged(rows, "the tuning set");

        assertThat(rows).hasSizeGreaterThanOrEqualTo(50);
        assertThat(wrong.size()).as("misjudged: %s", wrong).isLessThanOrEqualTo(rows.size() / 10);
    }

    /** Measured once at 15 of 20 (docs/routing.md): the rules miss code tasks phrased without their markers. */
    @Test
    void agreesWithAtLeastThreeInFourHeldOutPrompts() throws IOException {
        List<Labelled> rows = labelled("held-out-prompts.tsv");

        List<String> wrong = misjudged(rows, "the held-out set");

        assertThat(wrong.size()).as("misjudged: %s", wrong).isLessThanOrEqualTo(rows.size() / 4);
    }

    @Test
    void fencedCodeBlockAloneMakesAPromptComplex() {
        ComplexityClassifier.Verdict verdict = classifier.classify("```\nls -la\n```", 10);

        assertThat(verdict.complex()).isTrue();
        assertThat(verdict.signals()).containsExactly("code: fenced block");
    }

    @Test
    void longContextAloneMakesAPromptComplex() {
        ComplexityClassifier.Verdict verdict = classifier.classify("Summarize the attached notes.", 2_500);

        assertThat(verdict.complex()).isTrue();
        assertThat(verdict.signals()).containsExactly("long context: 2500 tokens");
    }

    @Test
    void oneReasoningWordIsNotEnough() {
        assertThat(classifier.classify("Compare cats and dogs.", 8).complex()).isFalse();
    }

    @Test
    void twoReasoningSignalsAreEnough() {
        ComplexityClassifier.Verdict verdict = classifier.classify("Compare cats and dogs and justify your pick.", 12);

        assertThat(verdict.complex()).isTrue();
        assertThat(verdict.describe()).isEqualTo("complex (2 points: reasoning: 'compare', 'justify')");
    }

    @Test
    void greetingIsSimpleWithNoSignals() {
        assertThat(classifier.classify("hello", 1).describe()).isEqualTo("simple (0 points)");
    }
}
