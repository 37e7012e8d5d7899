package io.llmrouter.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Trimming of a prompt that fits no candidate's context window: the oldest turns go first, the system
 * prompt and the last message stay. The reply's route says how many messages were dropped.
 *
 * @param enabled false (the default) answers such a request with {@code context_length_exceeded} instead
 */
public record Trimming(@JsonProperty("enabled") Boolean enabled) {

    /** Off. */
    public static final Trimming DEFAULTS = new Trimming(null);

    public Trimming {
        enabled = enabled != null && enabled;
    }
}
