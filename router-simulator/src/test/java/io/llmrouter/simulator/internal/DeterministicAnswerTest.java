package io.llmrouter.simulator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

class DeterministicAnswerTest {

    @Test
    void piecesJoinBackToTheWholeContent() {
        DeterministicAnswer answer = DeterministicAnswer.answer(request("Explain  streaming\tplease", OptionalInt.empty()));

        List<String> pieces = answer.pieces();

        assertThat(pieces).hasSizeGreaterThan(3);
        assertThat(String.join("", pieces)).isEqualTo(answer.content());
    }

    @Test
    void cuttingAtMaxTokensNeverSplitsASurrogatePair() {
        // The quoted question is all emoji, so the cuts of successive limits land on both halves of a pair.
        String question = "\uD83D\uDE00".repeat(40);
        for (int maxTokens = 1; maxTokens < 30; maxTokens++) {
            String content = DeterministicAnswer.answer(request(question, OptionalInt.of(maxTokens))).content();

            assertThat(Character.isHighSurrogate(content.charAt(content.length() - 1))).isFalse();
        }
    }

    @Test
    void differentSystemPromptsGiveDifferentAnswersToTheSameQuestion() {
        ChatRequest terse = new ChatRequest("simulator-fast", List.of(
                new ChatMessage("system", "Be terse.", List.of()),
                new ChatMessage("user", "Hello", List.of())), false, false, OptionalInt.empty());
        ChatRequest verbose = new ChatRequest("simulator-fast", List.of(
                new ChatMessage("system", "Be verbose.", List.of()),
                new ChatMessage("user", "Hello", List.of())), false, false, OptionalInt.empty());

        assertThat(DeterministicAnswer.answer(terse).content())
                .isNotEqualTo(DeterministicAnswer.answer(verbose).content());
    }

    private static ChatRequest request(String question, OptionalInt maxTokens) {
        return new ChatRequest("simulator-fast", List.of(new ChatMessage("user", question, List.of())),
                false, false, maxTokens);
    }
}
