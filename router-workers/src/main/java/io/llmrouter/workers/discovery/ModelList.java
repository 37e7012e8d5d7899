package io.llmrouter.workers.discovery;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.llmrouter.schemas.Topics;

/**
 * One provider's model list as published on {@link Topics#MODELS} (compacted), keyed by the provider id.
 *
 * <p>The JSON value:
 * <pre>
 * {"provider": "openai",                   the provider id, as in the configuration (also the record key)
 *  "fetched_at": 1735689600000,           epoch milliseconds of the fetch
 *  "models": ["gpt-4o", "gpt-4o-mini"],   the ids the upstream lists, in its order; [] when the fetch failed
 *  "configured": ["gpt-4o-mini"],         the model names the configuration gives the provider
 *  "error": null}                         null, or why the fetch failed (never the key)
 * </pre>
 * The HTTP bridge reads the same shape with its own mirror of this record.
 *
 * @param provider   provider id
 * @param fetchedAt  when the list was fetched, epoch milliseconds
 * @param models     the model ids the upstream listed
 * @param configured the model names configured for the provider
 * @param error      why the fetch failed, or null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ModelList(String provider, long fetchedAt, List<String> models, List<String> configured, String error) {

    public ModelList {
        models = models == null ? List.of() : List.copyOf(models);
        configured = configured == null ? List.of() : List.copyOf(configured);
    }

    /** A successful fetch. */
    public static ModelList listed(String provider, long fetchedAt, List<String> models, List<String> configured) {
        return new ModelList(provider, fetchedAt, models, configured, null);
    }

    /** A failed fetch: no models, and the reason. */
    public static ModelList failed(String provider, long fetchedAt, List<String> configured, String error) {
        return new ModelList(provider, fetchedAt, List.of(), configured, error);
    }

    /** True when the fetch failed. */
    public boolean hasError() {
        return error != null;
    }
}
