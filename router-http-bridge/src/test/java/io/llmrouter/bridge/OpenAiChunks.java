package io.llmrouter.bridge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.schemas.WireFormat;

/** OpenAI {@code chat.completion.chunk} and {@code chat.completion} objects as a worker produces them. */
public final class OpenAiChunks {

    /** The {@code created} of every object here. */
    public static final long CREATED = 1_700_000_000L;
    /** The model every object here names. */
    public static final String MODEL = "simulator-fast";

    private OpenAiChunks() {
    }

    /** The first chunk of a stream: the assistant role and the first text. */
    public static ObjectNode first(String id, String text) {
        ObjectNode chunk = content(id, text);
        ((ObjectNode) chunk.path("choices").get(0).path("delta")).put("role", "assistant");
        return chunk;
    }

    /** A chunk adding {@code text} to the answer. */
    public static ObjectNode content(String id, String text) {
        ObjectNode chunk = base(id);
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.putObject("delta").put("content", text);
        choice.putNull("finish_reason");
        return chunk;
    }

    /** The chunk that ends the choice with {@code reason}, e.g. {@code stop}. */
    public static ObjectNode finish(String id, String reason) {
        ObjectNode chunk = base(id);
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.putObject("delta");
        choice.put("finish_reason", reason);
        return chunk;
    }

    /** The usage-only chunk a worker sends last: no choices, the token counts. */
    public static ObjectNode usageOnly(String id, int promptTokens, int completionTokens) {
        ObjectNode chunk = base(id);
        chunk.putArray("choices");
        chunk.set("usage", usage(promptTokens, completionTokens));
        return chunk;
    }

    /** The whole completion of {@code text}, with usage, as a terminal reply carries it. */
    public static ObjectNode completion(String id, String text, int promptTokens, int completionTokens) {
        ObjectNode completion = WireFormat.mapper().createObjectNode()
                .put("id", id).put("object", "chat.completion").put("created", CREATED).put("model", MODEL);
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", text);
        choice.put("finish_reason", "stop");
        completion.set("usage", usage(promptTokens, completionTokens));
        return completion;
    }

    private static ObjectNode usage(int promptTokens, int completionTokens) {
        return WireFormat.mapper().createObjectNode().put("prompt_tokens", promptTokens)
                .put("completion_tokens", completionTokens).put("total_tokens", promptTokens + completionTokens);
    }

    private static ObjectNode base(String id) {
        return WireFormat.mapper().createObjectNode()
                .put("id", id).put("object", "chat.completion.chunk").put("created", CREATED).put("model", MODEL);
    }
}
