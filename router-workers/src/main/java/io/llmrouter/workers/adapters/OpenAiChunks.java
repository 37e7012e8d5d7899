package io.llmrouter.workers.adapters;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.schemas.WireFormat;

/** Builds OpenAI {@code chat.completion.chunk} objects for adapters that translate another stream format. */
final class OpenAiChunks {

    private OpenAiChunks() {
    }

    /** A chunk with one choice carrying {@code delta}, or with no choice at all when {@code delta} is null (usage chunks). */
    static ObjectNode chunk(String id, long created, String model, ObjectNode delta, String finishReason) {
        ObjectNode chunk = WireFormat.mapper().createObjectNode()
                .put("id", id).put("object", "chat.completion.chunk").put("created", created).put("model", model);
        ArrayNode choices = chunk.putArray("choices");
        if (delta != null) {
            choices.addObject().put("index", 0).<ObjectNode>set("delta", delta).put("finish_reason", finishReason);
        }
        return chunk;
    }
}
