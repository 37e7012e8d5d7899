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

    // Kept, not derived per call: it is read for every finished call.
    private final String label = name().toLowerCase(Locale.ROOT);

    /** The label value, e.g. {@code ok}. */
    public String label() {
        return label;
    }
}
