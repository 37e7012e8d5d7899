package io.llmrouter.bridge.internal;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /v1/router/providers}: queue depth, breaker state and latency of each deployment, as workers report them. */
public final class ProvidersHandler implements Handler<RoutingContext> {

    private final ProviderHealth health;

    public ProvidersHandler(ProviderHealth health) {
        this.health = health;
    }

    @Override
    public void handle(RoutingContext ctx) {
        OpenAiResponses.json(ctx.response(), 200, health.status());
    }
}
