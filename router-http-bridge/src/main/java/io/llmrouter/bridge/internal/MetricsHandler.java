package io.llmrouter.bridge.internal;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /metrics}: the bridge's meters in Prometheus' text format, for a Prometheus scrape. */
public final class MetricsHandler implements Handler<RoutingContext> {

    /** Prometheus' text exposition format, version 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final BridgeMetrics metrics;

    public MetricsHandler(BridgeMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void handle(RoutingContext ctx) {
        // A scrape walks every meter; off the event loop it cannot hold up calls being answered.
        ctx.vertx().executeBlocking(metrics::scrape, false).onComplete(scraped -> {
            if (scraped.succeeded()) {
                ctx.response().putHeader("Content-Type", CONTENT_TYPE).end(scraped.result());
            } else {
                ctx.fail(scraped.cause());
            }
        });
    }
}
