package io.llmrouter.workers.adapters;

import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.schemas.WireFormat;

/**
 * Puts OpenAI {@code chat.completion.chunk}s back together into the {@code chat.completion} they add
 * up to, so a streamed answer ends with a terminal reply that carries the whole text and its usage.
 */
public final class StreamAssembler {

    private final StringBuilder content = new StringBuilder();
    private final Map<Integer, ObjectNode> toolCalls = new TreeMap<>();
    private String id = "chatcmpl-stream";
    private String model = "";
    private long created;
    private String finishReason;
    private JsonNode usage;
    private int chunks;

    /** Takes one chunk into account. */
    public void add(ObjectNode chunk) {
        chunks++;
        id = chunk.path("id").asText(id);
        model = chunk.path("model").asText(model);
        created = chunk.path("created").asLong(created);
        if (chunk.hasNonNull("usage")) {
            usage = chunk.get("usage");
        }
        JsonNode choice = chunk.path("choices").path(0);
        JsonNode delta = choice.path("delta");
        if (delta.hasNonNull("content")) {
            content.append(delta.get("content").asText());
        }
        for (JsonNode call : delta.path("tool_calls")) {
            ObjectNode merged = toolCalls.computeIfAbsent(call.path("index").asInt(0),
                    i -> WireFormat.mapper().createObjectNode().put("type", "function"));
            if (call.hasNonNull("id")) {
                merged.put("id", call.get("id").asText());
            }
            ObjectNode function = merged.has("function") ? (ObjectNode) merged.get("function") : merged.putObject("function");
            JsonNode part = call.path("function");
            if (part.hasNonNull("name")) {
                function.put("name", part.get("name").asText());
            }
            if (part.hasNonNull("arguments")) {
                function.put("arguments", function.path("arguments").asText("") + part.get("arguments").asText());
            }
        }
        if (choice.hasNonNull("finish_reason")) {
            finishReason = choice.get("finish_reason").asText();
        }
    }

    /** How many chunks were added. */
    public int chunks() {
        return chunks;
    }

    /** The completion the chunks add up to. */
    public ObjectNode completion() {
        ObjectNode completion = WireFormat.mapper().createObjectNode()
                .put("id", id).put("object", "chat.completion").put("created", created).put("model", model);
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        if (content.length() > 0 || toolCalls.isEmpty()) {
            message.put("content", content.toString());
        } else {
            message.putNull("content");
        }
        if (!toolCalls.isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            toolCalls.values().forEach(calls::add);
        }
        choice.put("finish_reason", finishReason == null ? "stop" : finishReason);
        if (usage != null) {
            completion.set("usage", usage);
        }
        return completion;
    }
}
