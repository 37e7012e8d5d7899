package io.llmrouter.workers.adapters;

import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.schemas.WireFormat;

/**
 * Gemini's wire format in OpenAI's terms: the {@code generateContent} body for a chat completion
 * request, and the OpenAI values of Gemini's finish reasons and token counts.
 *
 * <p>Input Gemini cannot take fails with an {@link IllegalArgumentException} whose message names the
 * offending field, so the caller learns why before anything is sent.
 */
final class GeminiFormat {

    /**
     * Google's documented stand-in for a function call replayed without its thought signature: Gemini 3
     * rejects such a call otherwise, and clients that speak OpenAI's format usually drop the signature.
     */
    static final String SKIP_SIGNATURE = "skip_thought_signature_validator";
    private static final Pattern GENERATION = Pattern.compile("gemini-(\\d+)");

    private GeminiFormat() {
    }

    /** The body for {@code model}; throws {@link IllegalArgumentException} for input Gemini cannot take. */
    static ObjectNode of(ObjectNode request, String model) {
        ObjectNode body = WireFormat.mapper().createObjectNode();
        ArrayNode system = WireFormat.mapper().createArrayNode();
        ArrayNode contents = body.putArray("contents");
        Map<String, String> toolNames = new HashMap<>();
        boolean signatures = needsSignatures(model);
        for (JsonNode message : request.path("messages")) {
            String role = message.path("role").asText("");
            switch (role) {
                case "system", "developer" -> textParts(message.path("content"), system);
                case "user" -> append(contents, "user", userParts(message.path("content")));
                case "assistant" -> append(contents, "model", modelParts(message, toolNames, signatures));
                case "tool", "function" -> append(contents, "user", toolResult(message, toolNames));
                default -> throw new IllegalArgumentException("messages: role '" + role + "' is not supported");
            }
        }
        if (!system.isEmpty()) {
            body.putObject("systemInstruction").set("parts", system);
        }
        tools(request, body);
        ObjectNode config = generationConfig(request);
        if (!config.isEmpty()) {
            body.set("generationConfig", config);
        }
        return body;
    }

    private static boolean needsSignatures(String model) {
        Matcher generation = GENERATION.matcher(model);
        return generation.find() && Integer.parseInt(generation.group(1)) >= 3;
    }

    // Gemini wants turns to alternate; consecutive tool results (parallel calls) belong in one turn.
    private static void append(ArrayNode contents, String role, ArrayNode parts) {
        if (parts.isEmpty()) {
            return;
        }
        JsonNode last = contents.isEmpty() ? null : contents.get(contents.size() - 1);
        if (last != null && role.equals(last.path("role").asText())) {
            ((ArrayNode) last.get("parts")).addAll(parts);
        } else {
            contents.addObject().put("role", role).set("parts", parts);
        }
    }

    private static void textParts(JsonNode content, ArrayNode parts) {
        String text = text(content);
        if (!text.isEmpty()) {
            parts.addObject().put("text", text);
        }
    }

    /** The text of a message's content: a string, or its text parts joined. */
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

    private static ArrayNode userParts(JsonNode content) {
        ArrayNode parts = WireFormat.mapper().createArrayNode();
        if (!content.isArray()) {
            textParts(content, parts);
            return parts;
        }
        for (JsonNode part : content) {
            String type = part.path("type").asText("");
            switch (type) {
                case "text" -> textParts(part.path("text"), parts);
                case "image_url" -> parts.add(media(part.path("image_url").path("url").asText(
                        part.path("image_url").asText(""))));
                case "input_audio" -> parts.addObject().putObject("inlineData")
                        .put("mimeType", "audio/" + part.path("input_audio").path("format").asText("wav"))
                        .put("data", part.path("input_audio").path("data").asText(""));
                case "file" -> parts.add(media(part.path("file").path("file_data").asText("")));
                default -> throw new IllegalArgumentException("messages: content part type '" + type
                        + "' is not supported by Gemini");
            }
        }
        return parts;
    }

    private static ObjectNode media(String url) {
        ObjectNode part = WireFormat.mapper().createObjectNode();
        if (url.startsWith("data:")) {
            int comma = url.indexOf(',');
            String header = comma < 0 ? "" : url.substring(5, comma);
            if (!header.endsWith(";base64")) {
                throw new IllegalArgumentException("messages: a data: URL must be base64-encoded");
            }
            String mimeType = header.substring(0, header.length() - ";base64".length());
            part.putObject("inlineData").put("mimeType", mimeType.isEmpty() ? "application/octet-stream" : mimeType)
                    .put("data", url.substring(comma + 1));
        } else if (url.startsWith("https://") || url.startsWith("http://") || url.startsWith("gs://")) {
            part.putObject("fileData").put("mimeType", guessMimeType(url)).put("fileUri", url);
        } else {
            throw new IllegalArgumentException("messages: a file must be a data: URL or an http(s) URL");
        }
        return part;
    }

    private static String guessMimeType(String url) {
        String path = url.replaceAll("[?#].*$", "").toLowerCase(Locale.ROOT);
        String extension = path.substring(path.lastIndexOf('.') + 1);
        return switch (extension) {
            case "png" -> "image/png";
            case "webp" -> "image/webp";
            case "gif" -> "image/gif";
            case "heic" -> "image/heic";
            case "heif" -> "image/heif";
            case "pdf" -> "application/pdf";
            default -> "image/jpeg";
        };
    }

    private static ArrayNode modelParts(JsonNode message, Map<String, String> toolNames, boolean signatures) {
        ArrayNode parts = WireFormat.mapper().createArrayNode();
        textParts(message.path("content"), parts);
        boolean first = true;
        for (JsonNode call : message.path("tool_calls")) {
            String name = call.path("function").path("name").asText("");
            toolNames.put(call.path("id").asText(""), name);
            ObjectNode part = parts.addObject();
            part.putObject("functionCall").put("name", name)
                    .set("args", arguments(name, call.path("function").path("arguments").asText("{}")));
            String signature = call.path("extra_content").path("google").path("thought_signature").asText("");
            // Of parallel calls only the first carries a signature.
            if (!signature.isEmpty()) {
                part.put("thoughtSignature", signature);
            } else if (signatures && first) {
                part.put("thoughtSignature", SKIP_SIGNATURE);
            }
            first = false;
        }
        return parts;
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

    private static ArrayNode toolResult(JsonNode message, Map<String, String> toolNames) {
        String name = toolNames.getOrDefault(message.path("tool_call_id").asText(""), message.path("name").asText(""));
        if (name.isEmpty()) {
            throw new IllegalArgumentException("messages: tool result '" + message.path("tool_call_id").asText("")
                    + "' answers no earlier tool call");
        }
        ArrayNode parts = WireFormat.mapper().createArrayNode();
        parts.addObject().putObject("functionResponse").put("name", name)
                .putObject("response").put("content", text(message.path("content")));
        return parts;
    }

    private static void tools(ObjectNode request, ObjectNode body) {
        ArrayNode declarations = WireFormat.mapper().createArrayNode();
        for (JsonNode tool : request.path("tools")) {
            if (!"function".equals(tool.path("type").asText("function"))) {
                throw new IllegalArgumentException("tools: type '" + tool.path("type").asText() + "' is not supported");
            }
            JsonNode function = tool.path("function");
            ObjectNode declaration = declarations.addObject().put("name", function.path("name").asText(""));
            if (function.hasNonNull("description")) {
                declaration.put("description", function.get("description").asText());
            }
            // The JSON Schema field, unlike "parameters" (an OpenAPI subset), takes OpenAI's schemas as they are.
            if (function.hasNonNull("parameters")) {
                declaration.set("parametersJsonSchema", function.get("parameters"));
            }
        }
        if (!declarations.isEmpty()) {
            body.putArray("tools").addObject().set("functionDeclarations", declarations);
        }
        JsonNode choice = request.path("tool_choice");
        String mode = choice.isObject() ? "ANY" : switch (choice.asText("")) {
            case "none" -> "NONE";
            case "auto" -> "AUTO";
            case "required" -> "ANY";
            default -> "";
        };
        if (!mode.isEmpty()) {
            ObjectNode calling = body.putObject("toolConfig").putObject("functionCallingConfig").put("mode", mode);
            if (choice.isObject()) {
                calling.putArray("allowedFunctionNames").add(choice.path("function").path("name").asText(""));
            }
        }
    }

    private static ObjectNode generationConfig(ObjectNode request) {
        ObjectNode config = SamplingFields.GEMINI.copy(request, WireFormat.mapper().createObjectNode());
        JsonNode format = request.path("response_format");
        String type = format.path("type").asText("");
        if ("json_object".equals(type) || "json_schema".equals(type)) {
            config.put("responseMimeType", "application/json");
            if (format.path("json_schema").hasNonNull("schema")) {
                config.set("responseJsonSchema", format.path("json_schema").get("schema"));
            }
        }
        return config;
    }

    /** OpenAI's finish reason for Gemini's; a turn that calls tools finishes with {@code tool_calls}. */
    static String finishReason(String reason, boolean toolCalls) {
        return toolCalls ? "tool_calls" : switch (reason) {
            case "MAX_TOKENS" -> "length";
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY" -> "content_filter";
            default -> "stop";
        };
    }

    /**
     * OpenAI usage for Gemini's {@code usageMetadata}. Thinking tokens are billed as output, so they count as
     * completion tokens, the way OpenAI counts reasoning.
     */
    static ObjectNode usage(JsonNode metadata) {
        long prompt = metadata.path("promptTokenCount").asLong(0);
        long thoughts = metadata.path("thoughtsTokenCount").asLong(0);
        long completion = metadata.path("candidatesTokenCount").asLong(0) + thoughts;
        ObjectNode usage = WireFormat.mapper().createObjectNode()
                .put("prompt_tokens", prompt)
                .put("completion_tokens", completion)
                .put("total_tokens", metadata.path("totalTokenCount").asLong(prompt + completion));
        if (thoughts > 0) {
            usage.putObject("completion_tokens_details").put("reasoning_tokens", thoughts);
        }
        return usage;
    }
}
