package io.llmrouter.streams.internal.routing;

import io.llmrouter.config.ModelConfig;
import io.llmrouter.config.TargetRef;
import io.llmrouter.streams.RouteCandidate;

/**
 * A deployment that passed every skip rule, with what the strategies score it on.
 *
 * @param target       {@code provider/model}
 * @param kind         the provider's kind
 * @param model        the model's configuration
 * @param local        true when the provider runs locally
 * @param promptTokens prompt tokens for this model
 * @param costUsd      estimated price of the request here
 * @param latencyMs    live latency, or the assumed one
 * @param healthFactor 1 for a healthy deployment, less for errors, 429s or a half-open breaker
 * @param score        composite score once ranked
 */
record Candidate(TargetRef target, String kind, ModelConfig model, boolean local, int promptTokens, double costUsd,
                 double latencyMs, double healthFactor, double score) {

    Candidate withScore(double newScore) {
        return new Candidate(target, kind, model, local, promptTokens, costUsd, latencyMs, healthFactor, newScore);
    }

    RouteCandidate toApi() {
        return new RouteCandidate(target.provider(), target.model(), kind, model.labels(), local, score, costUsd,
                latencyMs);
    }

    /** E.g. {@code openai/gpt-4o-mini 0.812}. */
    String describe() {
        return target + " " + String.format(java.util.Locale.ROOT, "%.3f", score);
    }
}
