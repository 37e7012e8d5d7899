package io.llmrouter.bridge.internal;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.llmrouter.schemas.Topics;

/**
 * One provider's model list as the workers publish it on {@link Topics#MODELS}, keyed by provider id.
 *
 * <p>The bridge's reading of the workers' {@code ModelList}; the JSON value is
 * {@code {"provider": "openai", "fetched_at": 1735689600000, "models": ["gpt-4o", ...],
 * "configured": ["gpt-4o-mini", ...], "error": null}}, with {@code "models": []} and the reason in
 * {@code "error"} when the fetch failed.
 *
 * @param provider   provider id
 * @param fetchedAt  when the list was fetched, epoch milliseconds
 * @param models     the model ids the upstream listed
 * @param configured the model names the workers' configuration gives the provider
 * @param error      why the fetch failed, or null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DiscoveredModels(String provider, long fetchedAt, List<String> models, List<String> configured,
                               String error) {

    public DiscoveredModels {
        models = models == null ? List.of() : List.copyOf(models);
        configured = configured == null ? List.of() : List.copyOf(configured);
    }
}
