package io.llmrouter.config.internal;

import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in every string value of a YAML tree.
 *
 * <p>Substitution runs on parsed values, not on the text, so a secret can never change the
 * structure of the file. An unset variable without a default becomes empty: an API key left
 * unset turns its provider off rather than failing start-up.
 */
public final class EnvSubstitution {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
    private final Map<String, String> env;

    public EnvSubstitution(Map<String, String> env) {
        this.env = env;
    }

    /** Substitutes in place and returns the same tree. */
    public JsonNode apply(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                field.setValue(apply(field.getValue()));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, apply(array.get(i)));
            }
        } else if (node.isTextual() && node.asText().contains("${")) {
            return TextNode.valueOf(substitute(node.asText()));
        }
        return node;
    }

    String substitute(String text) {
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = env.get(matcher.group(1));
            if (value == null || value.isEmpty()) {
                value = matcher.group(2) == null ? "" : matcher.group(2);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
