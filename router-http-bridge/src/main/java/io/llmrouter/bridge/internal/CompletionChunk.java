package io.llmrouter.bridge.internal;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.schemas.WireFormat;

/**
 * A whole {@code chat.completion} as the one {@code chat.completion.chunk} that carries all of it.
 *
 * <p>A streaming request can be answered by a terminal reply alone, with no chunks before it; the caller
 * still expects an event stream, so the completion is sent as a single chunk.
 */
public final class CompletionChunk {

    private static final List<String> IDENTITY = List.of("created", "model", "system_fingerprint", "service_tier");

    private CompletionChunk() {
    }

    /** The chunk whose deltas are the completion's messages; usage is left to {@link StreamUsage}. */
    public static ObjectNode of(ObjectNode completion) {
        ObjectNode chunk = WireFormat.mapper().createObjectNode();
        copyIdentity(completion, chunk);
        ArrayNode choices = chunk.putArray("choices");
        JsonNode completionChoices = completion.path("choices");
        for (int i = 0; i < completionChoices.size(); i++) {
            JsonNode choice = completionChoices.get(i);
            ObjectNode piece = choices.addObject();
            piece.set("index", choice.has("index") ? choice.get("index") : piece.numberNode(i));
            piece.set("delta", delta(choice.path("message")));
            if (choice.has("logprobs")) {
                piece.set("logprobs", choice.get("logprobs"));
            }
            piece.set("finish_reason", choice.get("finish_reason"));
        }
        return chunk;
    }

    /** True when the chunk carries part of the answer: text, a refusal or a tool call, not just a role or usage. */
    public static boolean carriesOutput(ObjectNode chunk) {
        for (JsonNode choice : chunk.path("choices")) {
            JsonNode delta = choice.path("delta");
            if (!delta.path("content").asText("").isEmpty() || !delta.path("refusal").asText("").isEmpty()
                    || !delta.path("tool_calls").isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Copies the fields that name a completion, with {@code object} set to {@code chat.completion.chunk}. */
    static void copyIdentity(ObjectNode from, ObjectNode to) {
        to.set("id", from.get("id"));
        to.put("object", "chat.completion.chunk");
        IDENTITY.stream().filter(from::has).forEach(field -> to.set(field, from.get(field)));
    }

    // A delta is the message itself, except that each tool call names its position, as streamed tool calls do.
    private static ObjectNode delta(JsonNode message) {
        ObjectNode delta = message.isObject() ? message.deepCopy() : WireFormat.mapper().createObjectNode();
        JsonNode toolCalls = delta.path("tool_calls");
        for (int i = 0; i < toolCalls.size(); i++) {
            if (toolCalls.get(i) instanceof ObjectNode call) {
                call.put("index", i);
            }
        }
        return delta;
    }
}
