package io.llmrouter.schemas;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How urgently a request must be served; higher priorities are always served first. */
public enum Priority {
    CRITICAL, HIGH, NORMAL, LOW;

    // Kept, not derived per call: every request and work record parses and writes its priority.
    private final String wireName = name().toLowerCase(Locale.ROOT);
    private final String requestTopic = Topics.REQUEST_TOPIC_PREFIX + wireName;

    /** The wire name, e.g. {@code normal}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The request topic for this priority, e.g. {@code llm.requests.normal}. */
    public String requestTopic() {
        return requestTopic;
    }

    /** Parses a wire name case-insensitively; throws {@link IllegalArgumentException} with the allowed values. */
    @JsonCreator
    public static Priority parse(String value) {
        if (value != null) {
            String wanted = value.trim();
            for (Priority priority : values()) {
                if (priority.wireName.equalsIgnoreCase(wanted)) {
                    return priority;
                }
            }
        }
        throw new IllegalArgumentException("unknown priority '" + value + "': use critical, high, normal or low");
    }
}
