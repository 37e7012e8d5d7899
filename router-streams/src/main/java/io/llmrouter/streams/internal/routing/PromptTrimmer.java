package io.llmrouter.streams.internal.routing;

import java.util.Optional;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Shortens a conversation to fit a token budget by dropping its oldest turns; system messages and the last
 * message always stay, so the model keeps its instructions and the question; tool results go with the turn
 * that called the tool.
 */
final class PromptTrimmer {

    /** The shortened body and how many messages went. */
    record Trimmed(ObjectNode body, int dropped) {
    }

    /**
     * Drops the fewest oldest messages that bring the prompt within {@code budget} tokens.
     *
     * @param counts tokens per message, the fixed part last (see {@link PromptShape})
     * @return empty when even the kept messages alone do not fit
     */
    static Optional<Trimmed> trim(ObjectNode body, PromptShape shape, int[] counts, int budget) {
        int messages = shape.messageCount();
        boolean[] drop = new boolean[messages];
        int total = TokenCounter.sum(counts, 0);
        int dropped = 0;
        for (int i = 0; i < messages - 1; i++) {
            // A tool result without the assistant turn that called the tool is refused upstream: they go together.
            boolean orphan = i > 0 && drop[i - 1] && "tool".equals(shape.role(i));
            if (total <= budget && !orphan) {
                break;
            }
            if (!"system".equals(shape.role(i))) {
                drop[i] = true;
                total -= counts[i];
                dropped++;
            }
        }
        if (total > budget || dropped == 0) {
            return Optional.empty();
        }
        ObjectNode copy = body.deepCopy();
        ArrayNode kept = copy.putArray("messages");
        for (int i = 0; i < messages; i++) {
            if (!drop[i]) {
                kept.add(body.path("messages").get(i).deepCopy());
            }
        }
        return Optional.of(new Trimmed(copy, dropped));
    }
}
