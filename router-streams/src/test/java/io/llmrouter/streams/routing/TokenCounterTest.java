package io.llmrouter.streams.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmrouter.streams.internal.routing.PromptShape;
import io.llmrouter.streams.internal.routing.TokenCounter;
import io.llmrouter.testsupport.RequestRecords;
import org.junit.jupiter.api.Test;

/** Token counts: exact for OpenAI's encodings, cl100k plus a margin for other families. */
class TokenCounterTest {

    private final TokenCounter counter = new TokenCounter();

    private static PromptShape shape(String text) {
        return PromptShape.of(RequestRecords.chatBody("auto", text));
    }

    @Test
    void openAiModelIsCountedExactlyWithItsOwnEncoding() {
        TokenCounter.Count count = counter.count(shape("Hello, world!"), "openai", "gpt-4o-mini");

        // o200k_base: "Hello", ",", " world", "!" plus 3 per message and 3 to prime the answer.
        assertThat(count).isEqualTo(new TokenCounter.Count(10, true));
    }

    @Test
    void otherFamiliesGetTheCl100kCountWithATenPercentMargin() {
        String text = "word ".repeat(100);
        int message = counter.reference(shape(text)) - 3;

        TokenCounter.Count count = counter.count(shape(text), "anthropic", "claude-3-5-haiku-latest");

        // The margin covers the message (its text and 3 overhead tokens) and the 3 tokens that prime the answer.
        assertThat(count.exact()).isFalse();
        assertThat(count.tokens()).isEqualTo((int) Math.ceil(message * 1.1) + (int) Math.ceil(3 * 1.1));
    }

    @Test
    void openRouterNamesAreReadWithoutTheirVendorPrefix() {
        assertThat(counter.count(shape("hi"), "openrouter", "openai/gpt-4o").exact()).isTrue();
    }
}
