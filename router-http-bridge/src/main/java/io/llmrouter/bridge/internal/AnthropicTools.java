package io.llmrouter.bridge.internal;

import static io.llmrouter.bridge.internal.AnthropicRequest.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.schemas.WireFormat;

/** Anthropic's client tools and {@code tool_choice} as OpenAI functions; Anthropic's server tools have no equivalent. */
final class AnthropicTools {

    private AnthropicTools() {
    }

    /** The OpenAI {@code tools} for Anthropic's. */
    static ArrayNode tools(JsonNode tools) {
        ArrayNode functions = WireFormat.mapper().createArrayNode();
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String at = "tools." + i;
            String type = tool.path("type").asText("custom");
            if (!"custom".equals(type)) {
                throw invalid(at + ".type: server tools such as '" + type + "' are not supported; define a client tool",
                        at + ".type");
            }
            if (!tool.path("name").isTextual()) {
                throw invalid(at + ".name: Field required", at + ".name");
            }
            if (!tool.path("input_schema").isObject()) {
                throw invalid(at + ".input_schema: Field required", at + ".input_schema");
            }
            ObjectNode function = functions.addObject().put("type", "function").putObject("function");
            function.put("name", tool.get("name").asText());
            if (tool.path("description").isTextual()) {
                function.put("description", tool.get("description").asText());
            }
            function.set("parameters", tool.get("input_schema"));
        }
        return functions;
    }

    /** Sets {@code tool_choice} and {@code parallel_tool_calls} on the chat body for Anthropic's {@code tool_choice}. */
    static void toolChoice(JsonNode choice, ObjectNode chat) {
        if (choice == null || choice.isNull()) {
            return;
        }
        String type = choice.path("type").asText("");
        switch (type) {
            case "auto" -> chat.put("tool_choice", "auto");
            case "any" -> chat.put("tool_choice", "required");
            case "none" -> chat.put("tool_choice", "none");
            case "tool" -> {
                if (!choice.path("name").isTextual()) {
                    throw invalid("tool_choice.name: Field required", "tool_choice.name");
                }
                chat.putObject("tool_choice").put("type", "function").putObject("function")
                        .put("name", choice.get("name").asText());
            }
            default -> throw invalid("tool_choice.type: must be 'auto', 'any', 'tool' or 'none'", "tool_choice.type");
        }
        if (choice.path("disable_parallel_tool_use").asBoolean(false) && !"none".equals(type)) {
            chat.put("parallel_tool_calls", false);
        }
    }
}
