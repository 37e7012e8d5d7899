package io.llmrouter.config;

import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An ordered list of deployments to try, then fallbacks.
 *
 * @param targets   preferred deployments as {@code provider/model}, in order
 * @param fallbacks deployments tried only when no target is available
 */
public record RouteConfig(@JsonProperty("targets") List<TargetRef> targets,
                          @JsonProperty("fallbacks") List<TargetRef> fallbacks) {

    public RouteConfig {
        targets = targets == null ? List.of() : List.copyOf(targets);
        fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
    }

    /** Targets then fallbacks, in the order they are tried. */
    public List<TargetRef> candidates() {
        return Stream.concat(targets.stream(), fallbacks.stream()).toList();
    }
}
