package io.llmrouter.config;

import com.fasterxml.jackson.annotation.JsonCreator;

/** A secret value, such as an API key, that never shows in {@code toString()}, logs or metrics. */
public final class Secret {

    private static final Secret EMPTY = new Secret("");
    private final String value;

    private Secret(String value) {
        this.value = value == null ? "" : value;
    }

    /** Wraps a value read from the configuration. */
    @JsonCreator
    public static Secret of(String value) {
        return value == null || value.isBlank() ? EMPTY : new Secret(value.trim());
    }

    /** No secret. */
    public static Secret empty() {
        return EMPTY;
    }

    /** True when no value was given (e.g. the environment variable was not set). */
    public boolean isEmpty() {
        return value.isEmpty();
    }

    /** The secret itself; call only where it is sent to its owner, e.g. an upstream's auth header. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && secret.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return isEmpty() ? "<not set>" : "****";
    }
}
