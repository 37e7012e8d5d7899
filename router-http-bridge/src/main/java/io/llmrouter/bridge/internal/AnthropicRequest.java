package io.llmrouter.bridge.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.WireFormat;

/**
 * Translates an Anthropic Messages API request into the OpenAI chat completion body the topology routes.
 *
 * <p>{@code top_k} has no OpenAI counterpart and OpenAI refuses unknown fields, so it is left out; so are
 * {@code thinking} blocks replayed in assistant turns and prompt-caching marks, which change nothing routed.
 */
public final class AnthropicRequest {

    private AnthropicRequest() {
    }

    /** The OpenAI body for a Messages request; {@link ChatRequestCheck.InvalidRequest} with a 400 when unusable. */
    public static ObjectNode toChatBody(byte[] bytes) {
        ObjectNode anthropic = object(bytes);
        ObjectNode chat = WireFormat.mapper().createObjectNode();
        chat.set("model", required(anthropic, "model", JsonNode::isTextual, "a string"));
        JsonNode maxTokens = required(anthropic, "max_tokens", JsonNode::canConvertToInt, "an integer");
        if (maxTokens.asInt() < 1) {
            throw invalid("max_tokens: must be at least 1", "max_tokens");
        }
        ArrayNode messages = chat.putArray("messages");
        system(anthropic.get("system"), messages);
        JsonNode turns = required(anthropic, "messages", node -> node.isArray() && !node.isEmpty(), "a non-empty array");
        for (int i = 0; i < turns.size(); i++) {
            AnthropicTurns.append(turns.get(i), "messages." + i, messages);
        }
        chat.set("max_tokens", maxTokens);
        for (String field : new String[] {"temperature", "top_p"}) {
            if (anthropic.hasNonNull(field)) {
                chat.set(field, number(anthropic.get(field), field));
            }
        }
        JsonNode stop = anthropic.get("stop_sequences");
        if (stop != null && stop.isArray() && !stop.isEmpty()) {
            chat.set("stop", stop);
        }
        JsonNode tools = anthropic.get("tools");
        if (tools != null && tools.isArray() && !tools.isEmpty()) {
            chat.set("tools", AnthropicTools.tools(tools));
            AnthropicTools.toolChoice(anthropic.get("tool_choice"), chat);
        }
        String user = anthropic.path("metadata").path("user_id").asText("");
        if (!user.isEmpty()) {
            chat.put("user", user);
        }
        if (anthropic.path("stream").asBoolean(false)) {
            // Anthropic streams always end with usage; OpenAI sends it only when asked.
            chat.put("stream", true);
            chat.putObject("stream_options").put("include_usage", true);
        }
        return chat;
    }

    private static ObjectNode object(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw invalid("The request body is empty; send a JSON Messages API request", null);
        }
        JsonNode json;
        try {
            json = WireFormat.mapper().readTree(bytes);
        } catch (Exception e) {
            throw invalid("The request body is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""), null);
        }
        if (!(json instanceof ObjectNode body)) {
            throw invalid("The request body must be a JSON object", null);
        }
        return body;
    }

    // Anthropic's system prompt is a string or a list of text blocks; OpenAI's is the first message.
    private static void system(JsonNode system, ArrayNode messages) {
        if (system == null || system.isNull()) {
            return;
        }
        if (system.isTextual()) {
            messages.addObject().put("role", "system").put("content", system.asText());
            return;
        }
        if (!system.isArray()) {
            throw invalid("system: must be a string or an array of text blocks", "system");
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < system.size(); i++) {
            JsonNode block = system.get(i);
            if (!"text".equals(block.path("type").asText()) || !block.path("text").isTextual()) {
                throw invalid("system." + i + ": only text blocks are allowed in system", "system." + i);
            }
            text.append(text.length() == 0 ? "" : "\n\n").append(block.get("text").asText());
        }
        messages.addObject().put("role", "system").put("content", text.toString());
    }

    private static JsonNode required(ObjectNode body, String field, java.util.function.Predicate<JsonNode> valid,
                                     String what) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw invalid(field + ": Field required", field);
        }
        if (!valid.test(value)) {
            throw invalid(field + ": must be " + what, field);
        }
        return value;
    }

    private static JsonNode number(JsonNode value, String field) {
        if (!value.isNumber()) {
            throw invalid(field + ": must be a number", field);
        }
        return value;
    }

    static ChatRequestCheck.InvalidRequest invalid(String message, String param) {
        return new ChatRequestCheck.InvalidRequest(ErrorInfo.invalidRequest(message, param));
    }
}
