package io.llmrouter.streams;

import java.util.Set;

/**
 * A deployment that can serve a request, as a {@link RoutingPolicy} sees it.
 *
 * @param provider    provider id from the configuration
 * @param model       model name at that provider
 * @param kind        the provider's kind, e.g. {@code openai} or {@code ollama}
 * @param labels      the model's configured labels, e.g. {@code gpu}
 * @param local       true when the provider runs on the router's own machines
 * @param score       composite score under the request's strategy, 0 to 1
 * @param costUsd     estimated price of this request there
 * @param latencyMs   latency used for the score: live when reported, else the configured assumption
 */
public record RouteCandidate(String provider, String model, String kind, Set<String> labels, boolean local,
                             double score, double costUsd, double latencyMs) {

    public RouteCandidate {
        labels = labels == null ? Set.of() : Set.copyOf(labels);
    }

    /** {@code provider/model}. */
    public String target() {
        return provider + "/" + model;
    }
}
