package io.llmrouter.cache.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A chat request in one spelling: sorted keys, canonical numbers, tidied message text, and without the
 * fields that do not change the answer.
 *
 * @param whole         the whole request, serialized
 * @param context       the request with the last user message's text blanked, serialized
 * @param lastUserText  the last user message's text, or null when the conversation does not end with one
 */
public record CanonicalRequest(String whole, String context, String lastUserText) {

    /** Fields that shape delivery or bookkeeping, not the answer. */
    private static final Set<String> IGNORED = Set.of("stream", "stream_options", "user", "metadata", "store",
            "service_tier", "prompt_cache_key", "safety_identifier");
    private static final Pattern INNER_BLANKS = Pattern.compile("(?<=\\S)[ \\t]+");
    private static final Pattern TRAILING_BLANKS = Pattern.compile("[ \\t]+$", Pattern.MULTILINE);

    /** The canonical form of a chat completion body. */
    public static CanonicalRequest of(ObjectNode body) {
        ObjectNode copy = body.deepCopy();
        IGNORED.forEach(copy::remove);
        if (copy.path("n").isNumber() && copy.path("n").asInt() == 1) {
            copy.remove("n");
        }
        JsonNode messages = copy.path("messages");
        String lastUserText = null;
        ObjectNode contextCopy = null;
        if (messages.isArray()) {
            ArrayNode tidied = JsonNodeFactory.instance.arrayNode();
            messages.forEach(message -> tidied.add(message.isObject() ? tidyMessage((ObjectNode) message) : message));
            copy.set("messages", tidied);
            JsonNode last = tidied.isEmpty() ? null : tidied.get(tidied.size() - 1);
            if (last != null && "user".equals(last.path("role").asText()) && last.path("content").isTextual()) {
                lastUserText = last.path("content").asText();
                contextCopy = copy.deepCopy();
                ((ObjectNode) contextCopy.withArray("messages").get(tidied.size() - 1)).put("content", "");
            }
        }
        String whole = serialize(copy);
        return new CanonicalRequest(whole, contextCopy == null ? whole : serialize(contextCopy), lastUserText);
    }

    private static ObjectNode tidyMessage(ObjectNode message) {
        ObjectNode tidy = message.deepCopy();
        JsonNode content = tidy.get("content");
        if (content != null && content.isTextual()) {
            tidy.put("content", tidyText(content.asText()));
        } else if (content != null && content.isArray()) {
            List<String> texts = new ArrayList<>();
            boolean textOnly = true;
            for (JsonNode part : content) {
                if ("text".equals(part.path("type").asText()) && part.path("text").isTextual()) {
                    texts.add(tidyText(part.path("text").asText()));
                } else {
                    textOnly = false;
                }
            }
            if (textOnly && !texts.isEmpty()) {
                // One or more text parts mean the same as their text in one string.
                tidy.put("content", String.join("\n", texts));
            } else {
                ArrayNode parts = JsonNodeFactory.instance.arrayNode();
                content.forEach(part -> parts.add(part.isObject() && part.path("text").isTextual()
                        ? ((ObjectNode) part.deepCopy()).put("text", tidyText(part.path("text").asText())) : part));
                tidy.set("content", parts);
            }
        }
        return tidy;
    }

    /** Line endings unified, runs of blanks inside a line collapsed; indentation kept, since it can matter (code). */
    static String tidyText(String text) {
        String unified = text.replace("\r\n", "\n").replace('\r', '\n');
        String collapsed = INNER_BLANKS.matcher(TRAILING_BLANKS.matcher(unified).replaceAll("")).replaceAll(" ");
        return collapsed.strip();
    }

    private static String serialize(JsonNode node) {
        return sorted(node).toString();
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> fields = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                fields.put(field.getKey(), sorted(field.getValue()));
            }
            ObjectNode ordered = JsonNodeFactory.instance.objectNode();
            fields.forEach(ordered::set);
            return ordered;
        }
        if (node.isArray()) {
            ArrayNode items = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> items.add(sorted(item)));
            return items;
        }
        if (node.isNumber()) {
            // 1, 1.0 and 1e0 are one number.
            BigDecimal value = node.decimalValue().stripTrailingZeros();
            return JsonNodeFactory.instance.numberNode(value);
        }
        return node;
    }
}
