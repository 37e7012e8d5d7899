package io.llmrouter.schemas;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One piece of a streamed answer; the stream ends with the request's terminal {@link LlmReply}.
 *
 * @param requestId the request this belongs to
 * @param sequence  0-based position in the stream
 * @param chunk     an OpenAI {@code chat.completion.chunk} object
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StreamChunk(String requestId, int sequence, ObjectNode chunk) {
}
