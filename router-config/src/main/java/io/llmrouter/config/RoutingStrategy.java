package io.llmrouter.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How the router ranks the candidates of one tier (the targets, then the fallbacks) of a route. */
public enum RoutingStrategy {
    /** The configured order, as written in the route. */
    ORDERED("ordered"),
    /** Cheapest first: price weighs most. */
    COST("cost"),
    /** Best answers first: the configured quality weighs most. */
    QUALITY("quality"),
    /** Fastest first: live latency weighs most. */
    LATENCY("latency"),
    /** Price, quality and latency alike. */
    BALANCED("balanced"),
    /** Balanced, but a local model wins when its score is within a share of the best. */
    LOCAL_FIRST("local-first");

    private final String wireName;

    RoutingStrategy(String wireName) {
        this.wireName = wireName;
    }

    /** The name in the configuration, the {@code X-Router-Strategy} header and {@code hints.strategy}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The strategy of a name, ignoring case; empty when there is none. */
    public static Optional<RoutingStrategy> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.wireName.equals(wanted)).findFirst();
    }

    /** Parses a configured name. */
    @JsonCreator
    public static RoutingStrategy parse(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown strategy '" + name + "', use one of " + names()));
    }

    /** Every strategy name. */
    public static List<String> names() {
        return Arrays.stream(values()).map(RoutingStrategy::wireName).toList();
    }
}
