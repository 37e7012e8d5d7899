package io.llmrouter.streams.internal.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a chat request asks of a model: its text per message, images, tools, JSON mode and {@code max_tokens},
 * with token counts remembered per encoding so that each prompt is tokenized at most once per encoding.
 */
public final class PromptShape {

    /** Tokens OpenAI counts per message for the role and separators, and once for priming the answer. */
    static final int TOKENS_PER_MESSAGE = 3;
    static final int TOKENS_FOR_REPLY = 3;
    /** One image at high detail in a 512-pixel tiling (85 + 4 x 170); an estimate, images vary. */
    static final int TOKENS_PER_IMAGE = 765;

    private final List<String> roles = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();
    private final int images;
    private final boolean tools;
    private final boolean jsonMode;
    private final Integer maxTokens;
    private final String toolsJson;
    private final Map<String, int[]> tokensByEncoding = new HashMap<>();

    private PromptShape(ObjectNode body) {
        int imageCount = 0;
        for (JsonNode message : body.path("messages")) {
            roles.add(message.path("role").asText(""));
            StringBuilder text = new StringBuilder();
            JsonNode content = message.path("content");
            if (content.isTextual()) {
                text.append(content.asText());
            } else if (content.isArray()) {
                for (JsonNode part : content) {
                    String type = part.path("type").asText("");
                    if (type.startsWith("image")) {
                        imageCount++;
                    } else if (part.hasNonNull("text")) {
                        text.append(part.path("text").asText()).append('\n');
                    }
                }
            }
            if (message.hasNonNull("name")) {
                text.append(' ').append(message.path("name").asText());
            }
            if (message.has("tool_calls")) {
                text.append(' ').append(message.path("tool_calls").toString());
            }
            texts.add(text.toString());
        }
        images = imageCount;
        JsonNode toolList = body.has("tools") ? body.path("tools") : body.path("functions");
        tools = toolList.isArray() && !toolList.isEmpty();
        toolsJson = tools ? toolList.toString() : "";
        String format = body.path("response_format").path("type").asText("");
        jsonMode = format.equals("json_object") || format.equals("json_schema");
        JsonNode max = body.hasNonNull("max_completion_tokens") ? body.get("max_completion_tokens") : body.get("max_tokens");
        maxTokens = max != null && max.canConvertToInt() && max.asInt() > 0 ? max.asInt() : null;
    }

    /** The shape of a chat completion request body. */
    public static PromptShape of(ObjectNode body) {
        return new PromptShape(body);
    }

    /** Messages in the conversation. */
    public int messageCount() {
        return texts.size();
    }

    /** The role of message {@code i}. */
    public String role(int i) {
        return roles.get(i);
    }

    /** The text of the last message from the user, or of the last message if no user spoke. */
    public String lastUserText() {
        for (int i = texts.size() - 1; i >= 0; i--) {
            if ("user".equals(roles.get(i))) {
                return texts.get(i);
            }
        }
        return texts.isEmpty() ? "" : texts.get(texts.size() - 1);
    }

    /** True when a message carries an image part: only vision models may take it. */
    public boolean needsVision() {
        return images > 0;
    }

    /** True when the request offers tools: only tool-capable models may take it. */
    public boolean needsTools() {
        return tools;
    }

    /** True when the request asks for a JSON response format. */
    public boolean needsJsonMode() {
        return jsonMode;
    }

    /** The caller's {@code max_tokens} (or {@code max_completion_tokens}), when set. */
    public Integer maxTokens() {
        return maxTokens;
    }

    /**
     * Tokens of each message under an encoding, remembered by the encoding's name; the last element
     * is the fixed part (reply priming, tools and images).
     */
    int[] tokens(String encodingName, ToIntFunction<String> counter) {
        return tokensByEncoding.computeIfAbsent(encodingName, name -> {
            int[] counts = new int[texts.size() + 1];
            for (int i = 0; i < texts.size(); i++) {
                counts[i] = TOKENS_PER_MESSAGE + counter.applyAsInt(texts.get(i));
            }
            counts[texts.size()] = TOKENS_FOR_REPLY + images * TOKENS_PER_IMAGE
                    + (toolsJson.isEmpty() ? 0 : counter.applyAsInt(toolsJson));
            return counts;
        });
    }
}
