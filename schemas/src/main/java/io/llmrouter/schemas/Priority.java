package io.llmrouter.schemas;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How urgently a request must be served; higher priorities are always served first. */
public enum Priority {
    CRITICAL, HIGH, NORMAL, LOW;

    /** The wire name, e.g. {@code normal}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The request topic for this priority, e.g. {@code llm.requests.normal}. */
    public String requestTopic() {
        return Topics.REQUEST_TOPIC_PREFIX + wireName();
    }

    /** Parses a wire name case-insensitively; throws {@link IllegalArgumentException} with the allowed values. */
    @JsonCreator
    public static Priority parse(String value) {
        if (value != null) {
            for (Priority priority : values()) {
                if (priority.wireName().equalsIgnoreCase(value.trim())) {
                    return priority;
                }
            }
        }
        throw new IllegalArgumentException("unknown priority '" + value + "': use critical, high, normal or low");
    }
}
