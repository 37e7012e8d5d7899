package io.llmrouter.schemas;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Which deployment the router chose for a request, why, and what it was expected to cost.
 *
 * @param provider                  provider id from the configuration, e.g. {@code openai}
 * @param model                     the provider's model name sent upstream
 * @param reason                    a short explanation, e.g. {@code route normal: first available target}
 * @param skipped                   candidates passed over, each with its reason
 * @param strategy                  the strategy that ranked the candidates, e.g. {@code cost}
 * @param score                     the chosen deployment's composite score, 0 to 1
 * @param ranked                    the candidates that could serve, best first, each with its score
 * @param complexity                the classifier's verdict for {@code auto}, with the signals it saw
 * @param estimatedPromptTokens     prompt tokens as counted for the chosen model
 * @param estimatedCompletionTokens completion tokens assumed: {@code max_tokens}, or the configured expectation
 * @param estimatedCostUsd          the price of those tokens at the chosen model's rates; usage events carry the actual
 * @param trimmedMessages           messages dropped from the prompt to fit the context window
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RouteDecision(String provider, String model, String reason, List<String> skipped, String strategy,
                            Double score, List<String> ranked, String complexity, Integer estimatedPromptTokens,
                            Integer estimatedCompletionTokens, Double estimatedCostUsd, Integer trimmedMessages) {
    public RouteDecision {
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
        ranked = ranked == null ? List.of() : List.copyOf(ranked);
    }

    /** A decision with no score or estimate, e.g. for a cache hit. */
    public RouteDecision(String provider, String model, String reason, List<String> skipped) {
        this(provider, model, reason, skipped, null, null, null, null, null, null, null, null);
    }
}
