package io.llmrouter.streams.routing;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.llmrouter.streams.RouteCandidate;
import io.llmrouter.streams.RoutingPolicy;
import io.llmrouter.streams.RoutingRequest;

/** Vetoes the deployments listed in its {@code deny} option (comma-separated {@code provider/model}). */
public final class DenyModelsPolicy implements RoutingPolicy {

    private volatile Set<String> denied = Set.of();

    @Override
    public String name() {
        return "deny-models";
    }

    @Override
    public void configure(Map<String, String> options) {
        denied = Set.of(options.getOrDefault("deny", "").split("\\s*,\\s*"));
    }

    @Override
    public List<RouteCandidate> review(RoutingRequest request, List<RouteCandidate> ranked) {
        return ranked.stream().filter(c -> !denied.contains(c.target())).toList();
    }
}
