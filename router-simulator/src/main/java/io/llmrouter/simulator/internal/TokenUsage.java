package io.llmrouter.simulator.internal;

import java.util.List;

/**
 * Token counts of one answer, estimated rather than measured: no tokenizer runs.
 *
 * <p>Text counts one token per four characters, rounded up, which is close to what OpenAI's tokenizers give for
 * English prose; each image counts 85 tokens, OpenAI's price of a low-detail image.
 */
public record TokenUsage(int promptTokens, int completionTokens) {

    static final int CHARS_PER_TOKEN = 4;
    static final int TOKENS_PER_IMAGE = 85;

    public int totalTokens() {
        return promptTokens + completionTokens;
    }

    /** The estimated usage of answering {@code messages} with {@code completion}. */
    static TokenUsage estimate(List<ChatMessage> messages, String completion) {
        long chars = 0;
        long images = 0;
        for (ChatMessage message : messages) {
            chars += message.text().length();
            images += message.imageUrls().size();
        }
        long prompt = ceilDiv(chars, CHARS_PER_TOKEN) + images * TOKENS_PER_IMAGE;
        return new TokenUsage((int) Math.min(prompt, Integer.MAX_VALUE), tokensIn(completion));
    }

    static int tokensIn(String text) {
        return (int) ceilDiv(text.length(), CHARS_PER_TOKEN);
    }

    private static long ceilDiv(long dividend, int divisor) {
        return (dividend + divisor - 1) / divisor;
    }
}
