package io.llmrouter.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A named group of deployments of the same model (say one model at several providers or regions); callers
 * ask for the group by name and the router spreads the load over its members.
 *
 * @param balance   how the load is spread
 * @param members   the deployments as {@code provider/model}, each with its weight (a positive integer)
 * @param fallbacks deployments used only when no member can serve
 */
public record ModelGroup(@JsonProperty("balance") Balance balance,
                         @JsonProperty("members") Map<TargetRef, Integer> members,
                         @JsonProperty("fallbacks") List<TargetRef> fallbacks) {

    public ModelGroup {
        balance = balance == null ? Balance.WEIGHTED : balance;
        members = members == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(members));
        fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
    }

    /** How a group spreads its load. */
    public enum Balance {
        /** Each member in proportion to its weight (smooth weighted round robin). */
        WEIGHTED("weighted"),
        /** The member with the fewest calls in flight, from the health events and the requests routed since. */
        LEAST_BUSY("least-busy");

        private final String wireName;

        Balance(String wireName) {
            this.wireName = wireName;
        }

        /** The name in the configuration. */
        @JsonValue
        public String wireName() {
            return wireName;
        }
    }
}
