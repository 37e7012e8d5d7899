package io.llmrouter.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A deployment named as {@code provider/model}, e.g. {@code openai/gpt-4o-mini}.
 *
 * @param provider provider id from the configuration
 * @param model    model name at that provider (may itself contain slashes)
 */
public record TargetRef(String provider, String model) {

    /** Parses {@code provider/model}; the model part may contain further slashes. */
    @JsonCreator
    public static TargetRef parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not of the form provider/model");
        }
        return new TargetRef(text.substring(0, slash), text.substring(slash + 1));
    }

    @JsonValue
    @Override
    public String toString() {
        return provider + "/" + model;
    }
}
