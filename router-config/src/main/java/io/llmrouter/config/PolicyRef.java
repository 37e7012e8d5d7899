package io.llmrouter.config;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A routing policy plug-in to apply, found on the class path by its name.
 *
 * @param name    the name the plug-in gives itself
 * @param options settings handed to the plug-in
 */
public record PolicyRef(@JsonProperty("name") String name, @JsonProperty("options") Map<String, String> options) {

    public PolicyRef {
        options = options == null ? Map.of() : Map.copyOf(options);
    }
}
