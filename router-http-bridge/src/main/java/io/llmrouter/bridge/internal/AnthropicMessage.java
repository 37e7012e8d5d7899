package io.llmrouter.bridge.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.schemas.WireFormat;

/** An OpenAI {@code chat.completion} as an Anthropic {@code message}, and the pieces streams share with it. */
public final class AnthropicMessage {

    private AnthropicMessage() {
    }

    /** The message for the completion's first choice, named {@code id}; {@code model} when the completion names none. */
    public static ObjectNode of(ObjectNode completion, String id, String model) {
        JsonNode choice = completion.path("choices").path(0);
        ObjectNode message = skeleton(id, completion.path("model").asText(model));
        ArrayNode content = message.putArray("content");
        JsonNode answer = choice.path("message");
        String text = answer.path("content").asText("");
        if (!text.isEmpty()) {
            content.addObject().put("type", "text").put("text", text);
        }
        String refusal = answer.path("refusal").asText("");
        if (!refusal.isEmpty()) {
            content.addObject().put("type", "text").put("text", refusal);
        }
        for (JsonNode call : answer.path("tool_calls")) {
            content.addObject().put("type", "tool_use").put("id", call.path("id").asText())
                    .put("name", call.path("function").path("name").asText())
                    .set("input", toolInput(call.path("function").path("arguments").asText("")));
        }
        message.put("stop_reason", stopReason(choice.path("finish_reason").asText(null)));
        message.set("usage", usage(completion.path("usage")));
        return message;
    }

    /** A message with no content, stop reason or usage yet: the start of a stream, or of {@link #of}. */
    static ObjectNode skeleton(String id, String model) {
        ObjectNode message = WireFormat.mapper().createObjectNode();
        message.put("id", id).put("type", "message").put("role", "assistant").put("model", model);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.set("usage", usage(WireFormat.mapper().createObjectNode()));
        return message;
    }

    /** Anthropic's {@code stop_reason} for an OpenAI {@code finish_reason}; a missing one means the turn ended. */
    public static String stopReason(String finishReason) {
        if (finishReason == null) {
            return "end_turn";
        }
        return switch (finishReason) {
            case "length" -> "max_tokens";
            case "tool_calls", "function_call" -> "tool_use";
            case "content_filter" -> "refusal";
            default -> "end_turn";
        };
    }

    /**
     * Anthropic's usage for OpenAI's: {@code input_tokens} counts only uncached prompt tokens, the cached ones
     * are {@code cache_read_input_tokens}.
     */
    public static ObjectNode usage(JsonNode openAi) {
        long prompt = openAi.path("prompt_tokens").asLong(0);
        long cached = Math.min(prompt, openAi.path("prompt_tokens_details").path("cached_tokens").asLong(0));
        ObjectNode usage = WireFormat.mapper().createObjectNode();
        usage.put("input_tokens", prompt - cached);
        usage.put("output_tokens", openAi.path("completion_tokens").asLong(0));
        usage.put("cache_creation_input_tokens", 0);
        usage.put("cache_read_input_tokens", cached);
        return usage;
    }

    /** A tool call's JSON arguments as the object Anthropic's {@code input} must be; text that is not one is kept whole. */
    static JsonNode toolInput(String arguments) {
        if (arguments.isBlank()) {
            return WireFormat.mapper().createObjectNode();
        }
        try {
            JsonNode input = WireFormat.mapper().readTree(arguments);
            if (input != null && input.isObject()) {
                return input;
            }
        } catch (Exception e) {
            // Falls through: a model's malformed arguments still reach the caller.
        }
        return WireFormat.mapper().createObjectNode().put("arguments", arguments);
    }
}
