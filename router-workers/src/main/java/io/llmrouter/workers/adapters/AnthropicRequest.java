package io.llmrouter.workers.adapters;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.schemas.WireFormat;

/** Translates an OpenAI chat completion request into an Anthropic Messages API request. */
final class AnthropicRequest {

    /** A request Anthropic cannot express; the caller gets a 400 naming the field. */
    static final class Unmappable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String param;

        Unmappable(String param, String message) {
            super(message, null, false, false);
            this.param = param;
        }

        /** The offending request field. */
        String param() {
            return param;
        }
    }

    private AnthropicRequest() {
    }

    /**
     * The Messages body for an OpenAI body. Fields with no Anthropic equivalent ({@code response_format},
     * {@code logprobs}, {@code seed}, penalties) are left out rather than refused, as other OpenAI-compatible
     * providers ignore what they do not support too; {@code n > 1} is refused, since the caller would
     * silently get fewer choices than asked for.
     */
    static ObjectNode from(JsonNode openAi, String model, int defaultMaxTokens) {
        if (openAi.path("n").asInt(1) > 1) {
            throw new Unmappable("n", "Anthropic answers with one choice only; n must be 1");
        }
        ObjectNode body = WireFormat.mapper().createObjectNode().put("model", model);
        JsonNode maxTokens = openAi.hasNonNull("max_completion_tokens") ? openAi.get("max_completion_tokens")
                : openAi.get("max_tokens");
        // Anthropic requires max_tokens where OpenAI lets the model decide.
        body.put("max_tokens", maxTokens != null && maxTokens.canConvertToInt() ? maxTokens.asInt() : defaultMaxTokens);
        String system = system(openAi.path("messages"));
        if (!system.isEmpty()) {
            body.put("system", system);
        }
        body.set("messages", messages(openAi.path("messages")));
        for (String field : new String[] {"temperature", "top_p"}) {
            if (openAi.hasNonNull(field)) {
                body.set(field, openAi.get(field));
            }
        }
        JsonNode stop = openAi.path("stop");
        if (stop.isTextual()) {
            body.putArray("stop_sequences").add(stop.asText());
        } else if (stop.isArray() && !stop.isEmpty()) {
            body.set("stop_sequences", stop);
        }
        if (openAi.path("tools").isArray() && !openAi.path("tools").isEmpty()) {
            body.set("tools", tools(openAi.path("tools")));
            ObjectNode choice = toolChoice(openAi.path("tool_choice"));
            if (openAi.path("parallel_tool_calls").isBoolean() && !openAi.get("parallel_tool_calls").asBoolean()
                    && !"none".equals(choice.path("type").asText())) {
                choice.put("disable_parallel_tool_use", true);
            }
            body.set("tool_choice", choice);
        }
        if (openAi.hasNonNull("user")) {
            body.putObject("metadata").put("user_id", openAi.get("user").asText());
        }
        return body;
    }

    private static String system(JsonNode messages) {
        StringBuilder system = new StringBuilder();
        for (JsonNode message : messages) {
            String role = message.path("role").asText();
            if ("system".equals(role) || "developer".equals(role)) {
                String text = text(message.path("content"));
                if (!text.isEmpty()) {
                    system.append(system.length() > 0 ? "\n\n" : "").append(text);
                }
            }
        }
        return system.toString();
    }

    private static ArrayNode messages(JsonNode messages) {
        ArrayNode out = WireFormat.mapper().createArrayNode();
        for (JsonNode message : messages) {
            String role = message.path("role").asText();
            switch (role) {
                case "system", "developer" -> {
                }
                case "user" -> append(out, "user", userContent(message.path("content")));
                case "assistant" -> append(out, "assistant", assistantContent(message));
                case "tool" -> append(out, "user", toolResult(message));
                default -> throw new Unmappable("messages", "Anthropic has no equivalent of role '" + role + "'");
            }
        }
        return out;
    }

    /**
     * Adds blocks as a new turn, or to the last turn when it has the same role: the results of
     * parallel tool calls must all arrive in the one user turn after the assistant's tool uses.
     */
    private static void append(ArrayNode out, String role, ArrayNode blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        JsonNode last = out.isEmpty() ? null : out.get(out.size() - 1);
        if (last != null && role.equals(last.path("role").asText())) {
            ((ArrayNode) last.get("content")).addAll(blocks);
        } else {
            out.addObject().put("role", role).set("content", blocks);
        }
    }

    private static ArrayNode userContent(JsonNode content) {
        ArrayNode blocks = WireFormat.mapper().createArrayNode();
        if (content.isTextual()) {
            addText(blocks, content.asText());
            return blocks;
        }
        for (JsonNode part : content) {
            switch (part.path("type").asText()) {
                case "text" -> addText(blocks, part.path("text").asText());
                case "image_url" -> blocks.add(image(part.path("image_url")));
                default -> throw new Unmappable("messages", "Anthropic cannot take a content part of type '"
                        + part.path("type").asText() + "'");
            }
        }
        return blocks;
    }

    private static ObjectNode image(JsonNode imageUrl) {
        String url = imageUrl.isTextual() ? imageUrl.asText() : imageUrl.path("url").asText();
        ObjectNode block = WireFormat.mapper().createObjectNode().put("type", "image");
        if (url.startsWith("data:")) {
            int comma = url.indexOf(',');
            String meta = comma < 0 ? "" : url.substring(5, comma);
            if (!meta.endsWith(";base64")) {
                throw new Unmappable("messages", "an image data URL must be base64-encoded");
            }
            block.putObject("source").put("type", "base64")
                    .put("media_type", meta.substring(0, meta.indexOf(';')))
                    .put("data", url.substring(comma + 1));
        } else if (url.startsWith("https://") || url.startsWith("http://")) {
            block.putObject("source").put("type", "url").put("url", url);
        } else {
            throw new Unmappable("messages", "an image URL must be a data: or http(s) URL");
        }
        return block;
    }

    private static ArrayNode assistantContent(JsonNode message) {
        ArrayNode blocks = WireFormat.mapper().createArrayNode();
        addText(blocks, text(message.path("content")));
        for (JsonNode call : message.path("tool_calls")) {
            blocks.addObject().put("type", "tool_use")
                    .put("id", call.path("id").asText())
                    .put("name", call.path("function").path("name").asText())
                    .set("input", arguments(call));
        }
        return blocks;
    }

    private static JsonNode arguments(JsonNode call) {
        String arguments = call.path("function").path("arguments").asText("");
        if (arguments.isBlank()) {
            return WireFormat.mapper().createObjectNode();
        }
        try {
            JsonNode input = WireFormat.mapper().readTree(arguments);
            if (input instanceof ObjectNode) {
                return input;
            }
        } catch (IOException e) {
            // Reported below: Anthropic takes a tool's input only as a JSON object.
        }
        throw new Unmappable("messages", "the arguments of tool call '" + call.path("id").asText()
                + "' are not a JSON object");
    }

    private static ArrayNode toolResult(JsonNode message) {
        ArrayNode blocks = WireFormat.mapper().createArrayNode();
        ObjectNode result = blocks.addObject().put("type", "tool_result")
                .put("tool_use_id", message.path("tool_call_id").asText());
        JsonNode content = message.path("content");
        if (content.isArray()) {
            ArrayNode parts = result.putArray("content");
            content.forEach(part -> addText(parts, part.path("text").asText()));
        } else {
            result.put("content", content.asText(""));
        }
        return blocks;
    }

    private static ArrayNode tools(JsonNode tools) {
        ArrayNode out = WireFormat.mapper().createArrayNode();
        for (JsonNode tool : tools) {
            if (!"function".equals(tool.path("type").asText("function"))) {
                throw new Unmappable("tools", "Anthropic takes function tools only, not '" + tool.path("type").asText() + "'");
            }
            JsonNode function = tool.path("function");
            ObjectNode mapped = out.addObject().put("name", function.path("name").asText());
            if (function.hasNonNull("description")) {
                mapped.put("description", function.get("description").asText());
            }
            JsonNode schema = function.get("parameters");
            if (schema instanceof ObjectNode) {
                mapped.set("input_schema", schema);
            } else {
                mapped.putObject("input_schema").put("type", "object").putObject("properties");
            }
        }
        return out;
    }

    private static ObjectNode toolChoice(JsonNode choice) {
        ObjectNode out = WireFormat.mapper().createObjectNode();
        if (choice.isObject()) {
            return out.put("type", "tool").put("name", choice.path("function").path("name").asText());
        }
        return switch (choice.asText("auto")) {
            case "none" -> out.put("type", "none");
            case "required" -> out.put("type", "any");
            default -> out.put("type", "auto");
        };
    }

    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asText())) {
                text.append(part.path("text").asText());
            }
        }
        return text.toString();
    }

    /** Anthropic rejects empty text blocks, which OpenAI clients send freely (an assistant turn with only tool calls). */
    private static void addText(ArrayNode blocks, String text) {
        if (!text.isEmpty()) {
            blocks.addObject().put("type", "text").put("text", text);
        }
    }
}
