package io.llmrouter.streams.internal.cost;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import io.llmrouter.schemas.UsageEvent;

/** What usage is grouped by; each usage event counts once under each dimension. */
public enum CostDimension {
    PROVIDER, MODEL, PRIORITY, KEY;

    // Kept, not derived per call: it is read for every usage event.
    private final String label = name().toLowerCase(Locale.ROOT);

    /** The group of requests without a virtual API key. */
    public static final String NO_KEY = "none";
    private static final String UNKNOWN = "unknown";

    /** {@code provider}, {@code model}, {@code priority} or {@code key}. */
    public String label() {
        return label;
    }

    /** The group a usage event falls in: a provider id, {@code provider/model}, a priority or a virtual key id. */
    public String groupOf(UsageEvent usage) {
        return switch (this) {
            case PROVIDER -> orUnknown(usage.provider());
            case MODEL -> orUnknown(usage.provider()) + "/" + orUnknown(usage.model());
            case PRIORITY -> usage.priority() == null ? UNKNOWN : usage.priority().wireName();
            case KEY -> usage.apiKeyId() == null || usage.apiKeyId().isBlank() ? NO_KEY : usage.apiKeyId();
        };
    }

    /** The store key of a group: the dimension, a colon, the group. */
    public String storeKey(String group) {
        return label() + ":" + group;
    }

    /** The group named by a store key of this dimension, or empty for another dimension's key. */
    public Optional<String> groupOfKey(String storeKey) {
        String prefix = label() + ":";
        return storeKey.startsWith(prefix) ? Optional.of(storeKey.substring(prefix.length())) : Optional.empty();
    }

    /** The dimension with this label, if any. */
    public static Optional<CostDimension> parse(String label) {
        return Arrays.stream(values()).filter(d -> d.label().equals(label)).findFirst();
    }

    private static String orUnknown(String value) {
        return value == null ? UNKNOWN : value;
    }
}
