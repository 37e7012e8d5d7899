package io.llmrouter.bridge.internal;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /stats}: totals, success rate, cache hits, latency, by model and by priority, of this bridge instance. */
public final class StatsHandler implements Handler<RoutingContext> {

    private final AnswerStats stats;

    public StatsHandler(AnswerStats stats) {
        this.stats = stats;
    }

    @Override
    public void handle(RoutingContext ctx) {
        OpenAiResponses.json(ctx.response(), 200, stats.snapshot());
    }
}
