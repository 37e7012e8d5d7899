package io.llmrouter.bridge.internal;

import java.util.Locale;

/** How a call to the bridge ended. */
public enum CallOutcome {
    /** Answered with a completion. */
    OK,
    /** Answered with an error. */
    ERROR,
    /** The caller went away before its answer. */
    CANCELLED;

    /** The label value, e.g. {@code ok}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
