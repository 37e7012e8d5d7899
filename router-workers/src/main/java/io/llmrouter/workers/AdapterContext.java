package io.llmrouter.workers;

import java.time.Clock;

import io.llmrouter.config.ProviderConfig;
import io.llmrouter.schemas.LlmRequest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;

/**
 * What an adapter gets to work with.
 *
 * @param providerId the provider's id in the configuration, e.g. {@code openai}
 * @param provider   its configuration: base URL, key, models, options
 * @param vertx      the event loops upstream calls run on
 * @param http       the shared non-blocking HTTP client
 * @param clock      the time source
 */
public record AdapterContext(String providerId, ProviderConfig provider, Vertx vertx, HttpClient http, Clock clock) {

    /** The model name to send upstream for a routed request. */
    public String upstreamModel(LlmRequest request) {
        return provider.upstreamName(request.route().model());
    }

    /** The base URL without a trailing slash. */
    public String baseUrl() {
        return provider.baseUrl().replaceAll("/+$", "");
    }

    /** An adapter option from the configuration, or the default. */
    public String option(String name, String defaultValue) {
        return provider.options().getOrDefault(name, defaultValue);
    }
}
