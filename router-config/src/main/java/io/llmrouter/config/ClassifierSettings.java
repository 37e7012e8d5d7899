package io.llmrouter.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The prompt complexity classifier behind the virtual model {@code auto}.
 *
 * @param enabled           false serves every {@code auto} request as the default strategy over its route
 * @param threshold         points at which a prompt counts as complex
 * @param longPromptTokens  prompt tokens from which the length alone makes a prompt complex
 */
public record ClassifierSettings(@JsonProperty("enabled") Boolean enabled,
                                 @JsonProperty("threshold") Integer threshold,
                                 @JsonProperty("long-prompt-tokens") Integer longPromptTokens) {

    /** On, 2 points, 2,000 tokens. */
    public static final ClassifierSettings DEFAULTS = new ClassifierSettings(null, null, null);

    public ClassifierSettings {
        enabled = enabled == null || enabled;
        threshold = threshold == null ? 2 : threshold;
        longPromptTokens = longPromptTokens == null ? 2_000 : longPromptTokens;
    }
}
