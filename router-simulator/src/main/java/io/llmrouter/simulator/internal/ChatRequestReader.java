package io.llmrouter.simulator.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;

/** Reads and checks a chat completions body, failing with the 400 answer OpenAI gives for the same mistake. */
public final class ChatRequestReader {

    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");
    private static final String SUPPORTED_ROLES =
            "'system', 'assistant', 'user', 'function', 'tool', and 'developer'";

    private ChatRequestReader() {
    }

    /** Parses {@code body}; throws {@link OpenAiError} when it is not a valid chat completions request. */
    public static ChatRequest read(Buffer body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body.getBytes());
        } catch (IOException e) {
            throw OpenAiError.invalidJson();
        }
        if (root == null || root.isMissingNode()) {
            throw OpenAiError.invalidJson();
        }
        if (!root.isObject()) {
            throw OpenAiError.bodyNotObject();
        }
        String model = model(root.get("model"));
        List<ChatMessage> messages = messages(root.get("messages"));
        boolean stream = optionalBoolean(root.get("stream"), "stream");
        boolean includeUsage = includeUsage(root.get("stream_options"), stream);
        OptionalInt maxTokens = positiveInt(root.get("max_completion_tokens"), "max_completion_tokens");
        if (maxTokens.isEmpty()) {
            maxTokens = positiveInt(root.get("max_tokens"), "max_tokens");
        }
        return new ChatRequest(model, messages, stream, includeUsage, maxTokens);
    }

    private static String model(JsonNode node) {
        if (isAbsent(node)) {
            throw OpenAiError.missingModel();
        }
        if (!node.isTextual()) {
            throw OpenAiError.invalidType("model", "a string", node);
        }
        return node.asText();
    }

    private static List<ChatMessage> messages(JsonNode node) {
        if (isAbsent(node)) {
            throw OpenAiError.missingParameter("messages");
        }
        if (!node.isArray()) {
            throw OpenAiError.invalidType("messages", "an array of objects", node);
        }
        if (node.isEmpty()) {
            throw OpenAiError.emptyArray("messages");
        }
        List<ChatMessage> messages = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            messages.add(message(node.get(i), "messages[" + i + "]"));
        }
        return messages;
    }

    private static ChatMessage message(JsonNode node, String param) {
        if (!node.isObject()) {
            throw OpenAiError.invalidType(param, "an object", node);
        }
        JsonNode roleNode = node.get("role");
        if (isAbsent(roleNode)) {
            throw OpenAiError.missingParameter(param + ".role");
        }
        if (!roleNode.isTextual()) {
            throw OpenAiError.invalidType(param + ".role", "a string", roleNode);
        }
        if (!ROLES.contains(roleNode.asText())) {
            throw OpenAiError.invalidValue(param + ".role", roleNode.asText(), SUPPORTED_ROLES);
        }
        String role = roleNode.asText();
        JsonNode content = node.get("content");
        if (isAbsent(content)) {
            // Only an assistant turn may leave content out (it then carries tool calls instead).
            if (!role.equals("assistant")) {
                throw OpenAiError.missingParameter(param + ".content");
            }
            return new ChatMessage(role, "", List.of());
        }
        if (content.isTextual()) {
            return new ChatMessage(role, content.asText(), List.of());
        }
        if (!content.isArray()) {
            throw OpenAiError.invalidType(param + ".content", "one of a string or array of objects", content);
        }
        return multiPart(role, content, param + ".content");
    }

    private static ChatMessage multiPart(String role, JsonNode parts, String param) {
        StringBuilder text = new StringBuilder();
        List<String> imageUrls = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            JsonNode part = parts.get(i);
            String partParam = param + "[" + i + "]";
            if (!part.isObject()) {
                throw OpenAiError.invalidType(partParam, "an object", part);
            }
            JsonNode type = part.get("type");
            if (isAbsent(type)) {
                throw OpenAiError.missingParameter(partParam + ".type");
            }
            switch (type.asText()) {
                case "text" -> {
                    JsonNode partText = part.get("text");
                    if (isAbsent(partText)) {
                        throw OpenAiError.missingParameter(partParam + ".text");
                    }
                    if (!partText.isTextual()) {
                        throw OpenAiError.invalidType(partParam + ".text", "a string", partText);
                    }
                    if (text.length() > 0) {
                        text.append('\n');
                    }
                    text.append(partText.asText());
                }
                case "image_url" -> imageUrls.add(part.path("image_url").path("url").asText(""));
                default -> {
                    // Audio, files and the like carry nothing the simulator answers from.
                }
            }
        }
        return new ChatMessage(role, text.toString(), imageUrls);
    }

    private static boolean optionalBoolean(JsonNode node, String param) {
        if (isAbsent(node)) {
            return false;
        }
        if (!node.isBoolean()) {
            throw OpenAiError.invalidType(param, "a boolean", node);
        }
        return node.booleanValue();
    }

    private static boolean includeUsage(JsonNode options, boolean stream) {
        if (isAbsent(options)) {
            return false;
        }
        if (!stream) {
            throw OpenAiError.streamOptionsWithoutStream();
        }
        if (!options.isObject()) {
            throw OpenAiError.invalidType("stream_options", "an object", options);
        }
        return optionalBoolean(options.get("include_usage"), "stream_options.include_usage");
    }

    private static OptionalInt positiveInt(JsonNode node, String param) {
        if (isAbsent(node)) {
            return OptionalInt.empty();
        }
        if (!node.isIntegralNumber()) {
            throw OpenAiError.invalidType(param, "an integer", node);
        }
        long value = node.asLong();
        if (value < 1) {
            throw OpenAiError.belowMinimum(param, value);
        }
        return OptionalInt.of((int) Math.min(value, Integer.MAX_VALUE));
    }

    private static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull();
    }
}
