package io.llmrouter.workers.adapters;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.schemas.WireFormat;

/**
 * Ollama's {@code /api/chat} request body for an OpenAI chat completion request.
 *
 * <p>Input Ollama cannot take fails with an {@link IllegalArgumentException} whose message says why,
 * so the caller learns it before anything is sent.
 */
final class OllamaMessages {

    private OllamaMessages() {
    }

    /** The body for {@code model}, without {@code stream}; throws {@link IllegalArgumentException} for what it cannot take. */
    static ObjectNode of(ObjectNode request, String model) {
        ObjectNode body = WireFormat.mapper().createObjectNode().put("model", model);
        ArrayNode messages = body.putArray("messages");
        Map<String, String> toolNames = new HashMap<>();
        for (JsonNode message : request.path("messages")) {
            String role = message.path("role").asText("");
            switch (role) {
                case "system", "developer" -> messages.addObject().put("role", "system")
                        .put("content", text(message.path("content")));
                case "user" -> messages.add(user(message.path("content")));
                case "assistant" -> messages.add(assistant(message, toolNames));
                case "tool", "function" -> messages.add(toolResult(message, toolNames));
                default -> throw new IllegalArgumentException("messages: role '" + role + "' is not supported");
            }
        }
        // Ollama has no tool_choice; "none" is honoured by not offering the tools.
        if (request.path("tools").isArray() && !request.path("tools").isEmpty()
                && !"none".equals(request.path("tool_choice").asText(""))) {
            body.set("tools", request.get("tools"));
        }
        JsonNode format = request.path("response_format");
        if ("json_object".equals(format.path("type").asText(""))) {
            body.put("format", "json");
        } else if (format.path("json_schema").hasNonNull("schema")) {
            body.set("format", format.path("json_schema").get("schema"));
        }
        ObjectNode options = options(request);
        if (!options.isEmpty()) {
            body.set("options", options);
        }
        return body;
    }

    private static ObjectNode user(JsonNode content) {
        ObjectNode message = WireFormat.mapper().createObjectNode().put("role", "user").put("content", text(content));
        ArrayNode images = WireFormat.mapper().createArrayNode();
        for (JsonNode part : content.isArray() ? content : WireFormat.mapper().createArrayNode()) {
            String type = part.path("type").asText("");
            if ("image_url".equals(type)) {
                images.add(image(part.path("image_url").path("url").asText(part.path("image_url").asText(""))));
            } else if (!"text".equals(type)) {
                throw new IllegalArgumentException("messages: content part type '" + type + "' is not supported");
            }
        }
        if (!images.isEmpty()) {
            message.set("images", images);
        }
        return message;
    }

    private static String image(String url) {
        int comma = url.indexOf(',');
        if (!url.startsWith("data:") || comma < 0 || !url.substring(0, comma).endsWith(";base64")) {
            throw new IllegalArgumentException("messages: Ollama takes images inline only; send the image as a "
                    + "base64 data: URL instead of a link");
        }
        return url.substring(comma + 1);
    }

    private static ObjectNode assistant(JsonNode message, Map<String, String> toolNames) {
        ObjectNode assistant = WireFormat.mapper().createObjectNode().put("role", "assistant")
                .put("content", text(message.path("content")));
        ArrayNode calls = WireFormat.mapper().createArrayNode();
        for (JsonNode call : message.path("tool_calls")) {
            String name = call.path("function").path("name").asText("");
            toolNames.put(call.path("id").asText(""), name);
            calls.addObject().putObject("function").put("name", name)
                    .set("arguments", arguments(name, call.path("function").path("arguments").asText("{}")));
        }
        if (!calls.isEmpty()) {
            assistant.set("tool_calls", calls);
        }
        return assistant;
    }

    // Ollama matches a result to its call by the tool's name; OpenAI by the call's id.
    private static ObjectNode toolResult(JsonNode message, Map<String, String> toolNames) {
        ObjectNode result = WireFormat.mapper().createObjectNode().put("role", "tool")
                .put("content", text(message.path("content")));
        String name = toolNames.getOrDefault(message.path("tool_call_id").asText(""), message.path("name").asText(""));
        if (!name.isEmpty()) {
            result.put("tool_name", name);
        }
        return result;
    }

    private static JsonNode arguments(String tool, String json) {
        try {
            JsonNode args = WireFormat.mapper().readTree(json.isBlank() ? "{}" : json);
            if (args instanceof ObjectNode) {
                return args;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new IllegalArgumentException("messages: the arguments of tool call '" + tool + "' are not a JSON object");
    }

    private static ObjectNode options(ObjectNode request) {
        return SamplingFields.OLLAMA.copy(request, WireFormat.mapper().createObjectNode());
    }

    private static String text(JsonNode content) {
        if (!content.isArray()) {
            return content.isNull() || content.isMissingNode() ? "" : content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if (part.has("text")) {
                text.append(text.length() == 0 ? "" : "\n").append(part.get("text").asText());
            }
        }
        return text.toString();
    }
}
