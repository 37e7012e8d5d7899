package io.llmrouter.simulator.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The simulator's answer to a conversation: the same messages always give the same text.
 *
 * <p>The text starts with {@code [simulator]}, names an eight-digit digest of the whole conversation and quotes the
 * start of the last user message, so a caller can tell which question an answer belongs to.
 *
 * @param content      the assistant text, cut to {@code max_tokens} when the request set it
 * @param finishReason {@code stop}, or {@code length} when the text was cut
 * @param usage        the estimated token counts
 */
public record DeterministicAnswer(String content, String finishReason, TokenUsage usage) {

    /** The prefix every simulated answer starts with. */
    public static final String PREFIX = "[simulator]";

    private static final int QUOTE_CHARS = 80;
    private static final int WORDS_PER_PIECE = 3;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** Answers {@code request}, honouring its token limit. */
    public static DeterministicAnswer answer(ChatRequest request) {
        String full = PREFIX + " Reply " + digest(request.messages()) + " to \"" + quote(request.messages())
                + "\". This text comes from the llm-router simulator, a stand-in for a real model:"
                + " the same conversation always gets this same reply.";
        String content = full;
        String finishReason = "stop";
        if (request.maxTokens().isPresent()) {
            long limit = (long) request.maxTokens().getAsInt() * TokenUsage.CHARS_PER_TOKEN;
            if (full.length() > limit) {
                int cut = (int) limit;
                // Never split a surrogate pair: the cut text must stay valid UTF-16.
                if (Character.isHighSurrogate(full.charAt(cut - 1))) {
                    cut--;
                }
                content = full.substring(0, cut);
                finishReason = "length";
            }
        }
        return new DeterministicAnswer(content, finishReason, TokenUsage.estimate(request.messages(), content));
    }

    /** The content in streaming pieces of a few words each; joined they give back the content exactly. */
    public List<String> pieces() {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        int words = 0;
        for (int i = 0; i < content.length(); i++) {
            boolean wordStart = !Character.isWhitespace(content.charAt(i))
                    && (i == 0 || Character.isWhitespace(content.charAt(i - 1)));
            if (wordStart) {
                if (words == WORDS_PER_PIECE) {
                    pieces.add(content.substring(start, i));
                    start = i;
                    words = 0;
                }
                words++;
            }
        }
        if (start < content.length()) {
            pieces.add(content.substring(start));
        }
        return pieces;
    }

    private static String digest(List<ChatMessage> messages) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
        for (ChatMessage message : messages) {
            update(sha256, message.role());
            update(sha256, message.text());
            for (String url : message.imageUrls()) {
                update(sha256, url);
            }
            sha256.update((byte) 0x1e);
        }
        return HexFormat.of().formatHex(sha256.digest(), 0, 4);
    }

    private static void update(MessageDigest digest, String value) {
        digest.update(value.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    private static String quote(List<ChatMessage> messages) {
        ChatMessage quoted = messages.get(messages.size() - 1);
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role().equals("user")) {
                quoted = messages.get(i);
                break;
            }
        }
        String text = WHITESPACE.matcher(quoted.text().strip()).replaceAll(" ");
        if (text.isEmpty()) {
            return quoted.imageUrls().isEmpty() ? "(no text)" : "(image)";
        }
        if (text.length() <= QUOTE_CHARS) {
            return text;
        }
        int cut = Character.isHighSurrogate(text.charAt(QUOTE_CHARS - 1)) ? QUOTE_CHARS - 1 : QUOTE_CHARS;
        return text.substring(0, cut) + "...";
    }
}
