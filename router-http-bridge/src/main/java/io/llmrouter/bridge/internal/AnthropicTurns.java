package io.llmrouter.bridge.internal;

import static io.llmrouter.bridge.internal.AnthropicRequest.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.schemas.WireFormat;

/**
 * One Anthropic conversation turn as OpenAI chat messages.
 *
 * <p>A user turn's {@code tool_result} blocks become {@code tool} messages placed before the rest of the turn,
 * since OpenAI wants each tool answer right after the assistant message that called it. An assistant turn's
 * {@code tool_use} blocks become its {@code tool_calls}.
 */
final class AnthropicTurns {

    private AnthropicTurns() {
    }

    /** Appends the OpenAI messages for {@code turn} (at {@code path} in the request) to {@code messages}. */
    static void append(JsonNode turn, String path, ArrayNode messages) {
        if (!turn.isObject()) {
            throw invalid(path + ": must be an object", path);
        }
        String role = turn.path("role").asText("");
        JsonNode content = turn.get("content");
        if (content == null || !(content.isTextual() || content.isArray())) {
            throw invalid(path + ".content: must be a string or an array of content blocks", path + ".content");
        }
        switch (role) {
            case "user" -> user(content, path + ".content", messages);
            case "assistant" -> messages.add(assistant(content, path + ".content"));
            case "system" -> messages.add(system(content, path + ".content"));
            default -> throw invalid(path + ".role: must be 'user', 'assistant' or 'system'", path + ".role");
        }
    }

    private static void user(JsonNode content, String path, ArrayNode messages) {
        if (content.isTextual()) {
            messages.addObject().put("role", "user").put("content", content.asText());
            return;
        }
        ArrayNode parts = WireFormat.mapper().createArrayNode();
        for (int i = 0; i < content.size(); i++) {
            JsonNode block = content.get(i);
            String at = path + "." + i;
            switch (block.path("type").asText("")) {
                case "text" -> parts.addObject().put("type", "text").put("text", text(block, at));
                case "image" -> parts.addObject().put("type", "image_url").putObject("image_url")
                        .put("url", imageUrl(block.path("source"), at));
                case "document" -> parts.add(document(block.path("source"), at));
                case "tool_result" -> messages.add(toolResult(block, at));
                default -> throw unsupported(block, at);
            }
        }
        if (parts.isEmpty()) {
            return;
        }
        ObjectNode message = messages.addObject().put("role", "user");
        if (parts.size() == 1 && "text".equals(parts.get(0).path("type").asText())) {
            message.put("content", parts.get(0).path("text").asText());
        } else {
            message.set("content", parts);
        }
    }

    private static ObjectNode assistant(JsonNode content, String path) {
        ObjectNode message = WireFormat.mapper().createObjectNode().put("role", "assistant");
        if (content.isTextual()) {
            return message.put("content", content.asText());
        }
        StringBuilder text = new StringBuilder();
        ArrayNode calls = WireFormat.mapper().createArrayNode();
        for (int i = 0; i < content.size(); i++) {
            JsonNode block = content.get(i);
            String at = path + "." + i;
            switch (block.path("type").asText("")) {
                case "text" -> text.append(text(block, at));
                case "tool_use" -> {
                    ObjectNode call = calls.addObject().put("id", string(block, "id", at)).put("type", "function");
                    JsonNode input = block.path("input");
                    call.putObject("function").put("name", string(block, "name", at))
                            .put("arguments", input.isObject() ? input.toString() : "{}");
                }
                // Earlier reasoning carries nothing an OpenAI-shaped upstream can take back.
                case "thinking", "redacted_thinking" -> { }
                default -> throw unsupported(block, at);
            }
        }
        if (text.length() > 0 || calls.isEmpty()) {
            message.put("content", text.toString());
        } else {
            message.putNull("content");
        }
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
        return message;
    }

    // A system turn amid the conversation: its text only.
    private static ObjectNode system(JsonNode content, String path) {
        ObjectNode message = WireFormat.mapper().createObjectNode().put("role", "system");
        if (content.isTextual()) {
            return message.put("content", content.asText());
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < content.size(); i++) {
            if (!"text".equals(content.get(i).path("type").asText())) {
                throw invalid(path + "." + i + ": a system turn can only carry text", path + "." + i);
            }
            text.append(text.length() == 0 ? "" : "\n\n").append(text(content.get(i), path + "." + i));
        }
        return message.put("content", text.toString());
    }

    private static ObjectNode toolResult(JsonNode block, String at) {
        ObjectNode message = WireFormat.mapper().createObjectNode().put("role", "tool")
                .put("tool_call_id", string(block, "tool_use_id", at));
        JsonNode content = block.path("content");
        StringBuilder text = new StringBuilder();
        if (content.isTextual()) {
            text.append(content.asText());
        } else if (content.isArray()) {
            for (int i = 0; i < content.size(); i++) {
                JsonNode part = content.get(i);
                if (!"text".equals(part.path("type").asText())) {
                    throw invalid(at + ".content." + i + ": a tool_result can only carry text here", at + ".content." + i);
                }
                text.append(text.length() == 0 ? "" : "\n").append(text(part, at + ".content." + i));
            }
        }
        // OpenAI has no error flag on a tool answer; the model is told in words instead.
        return message.put("content", block.path("is_error").asBoolean(false) ? "Error: " + text : text.toString());
    }

    private static String imageUrl(JsonNode source, String at) {
        return switch (source.path("type").asText("")) {
            case "base64" -> "data:" + string(source, "media_type", at + ".source") + ";base64,"
                    + string(source, "data", at + ".source");
            case "url" -> string(source, "url", at + ".source");
            default -> throw invalid(at + ".source.type: images must be 'base64' or 'url'", at + ".source.type");
        };
    }

    private static ObjectNode document(JsonNode source, String at) {
        ObjectNode part = WireFormat.mapper().createObjectNode();
        switch (source.path("type").asText("")) {
            case "text" -> part.put("type", "text").put("text", string(source, "data", at + ".source"));
            case "base64" -> part.put("type", "file").putObject("file").put("filename", "document.pdf")
                    .put("file_data", "data:" + string(source, "media_type", at + ".source") + ";base64,"
                            + string(source, "data", at + ".source"));
            default -> throw invalid(at + ".source.type: documents must be 'base64' or 'text'", at + ".source.type");
        }
        return part;
    }

    private static String text(JsonNode block, String at) {
        return string(block, "text", at);
    }

    private static String string(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw invalid(at + "." + field + ": must be a string", at + "." + field);
        }
        return value.asText();
    }

    private static RuntimeException unsupported(JsonNode block, String at) {
        return invalid(at + ".type: content blocks of type '" + block.path("type").asText("") + "' are not supported",
                at + ".type");
    }
}
