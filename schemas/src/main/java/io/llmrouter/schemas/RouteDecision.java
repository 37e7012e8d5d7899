package io.llmrouter.schemas;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Which deployment the router chose for a request, and why.
 *
 * @param provider provider id from the configuration, e.g. {@code openai}
 * @param model    the provider's model name sent upstream
 * @param reason   a short explanation, e.g. {@code route normal: first available target}
 * @param skipped  candidates passed over, each with its reason
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RouteDecision(String provider, String model, String reason, List<String> skipped) {
    public RouteDecision {
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
    }
}
