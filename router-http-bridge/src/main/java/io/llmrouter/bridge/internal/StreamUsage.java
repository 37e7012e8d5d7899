package io.llmrouter.bridge.internal;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.schemas.WireFormat;

/**
 * OpenAI's rule for usage in a streamed answer, set by the request's {@code stream_options.include_usage}.
 *
 * <p>When included, usage arrives once, in a last chunk whose {@code choices} is empty, and every other chunk
 * has {@code "usage": null}. When not, no chunk mentions usage at all.
 *
 * @param included whether the caller asked for usage
 */
public record StreamUsage(boolean included) {

    /** The rule a chat completion request body asks for. */
    public static StreamUsage of(ObjectNode body) {
        return new StreamUsage(body.path("stream_options").path("include_usage").asBoolean(false));
    }

    /** True for the chunk that carries only usage: an empty {@code choices} and a {@code usage} object. */
    public static boolean isUsageOnly(ObjectNode chunk) {
        JsonNode choices = chunk.get("choices");
        return choices != null && choices.isArray() && choices.isEmpty() && chunk.path("usage").isObject();
    }

    /** The chunk as the caller is to see it; empty for a usage-only chunk the caller did not ask for. */
    public Optional<ObjectNode> shape(ObjectNode chunk) {
        if (isUsageOnly(chunk)) {
            return included ? Optional.of(chunk) : Optional.empty();
        }
        ObjectNode shaped = chunk.deepCopy();
        if (included) {
            // Usage some upstreams put on a content chunk is not lost: the stream ends with a usage-only chunk.
            shaped.putNull("usage");
        } else {
            shaped.remove("usage");
        }
        return Optional.of(shaped);
    }

    /** A usage-only chunk carrying {@code usage}, with the identity ({@code id}, {@code created}, model) of {@code like}. */
    public static ObjectNode usageChunk(ObjectNode like, JsonNode usage) {
        ObjectNode chunk = WireFormat.mapper().createObjectNode();
        CompletionChunk.copyIdentity(like, chunk);
        chunk.putArray("choices");
        chunk.set("usage", usage.deepCopy());
        return chunk;
    }
}
