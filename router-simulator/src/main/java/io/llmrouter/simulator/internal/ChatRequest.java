package io.llmrouter.simulator.internal;

import java.util.List;
import java.util.OptionalInt;

/**
 * The parts of a {@code POST /v1/chat/completions} body the simulator honours; other fields are accepted and ignored.
 *
 * @param model        the requested model name
 * @param messages     the conversation, never empty
 * @param stream       whether to answer with server-sent events
 * @param includeUsage whether a streamed answer ends with a usage chunk ({@code stream_options.include_usage})
 * @param maxTokens    {@code max_completion_tokens}, else {@code max_tokens}, when given
 */
public record ChatRequest(
        String model, List<ChatMessage> messages, boolean stream, boolean includeUsage, OptionalInt maxTokens) {

    public ChatRequest {
        messages = List.copyOf(messages);
    }
}
