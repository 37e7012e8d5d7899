package io.llmrouter.streams.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;
import io.llmrouter.streams.internal.cost.CostQuery;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * {@code GET /metrics} in Prometheus format, and {@code GET /costs}, for a streams process of its own (standalone mode
 * binds the meters into the bridge's registry).
 */
public final class MetricsEndpoint implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HttpServer server;

    private MetricsEndpoint(HttpServer server) {
        this.server = server;
    }

    /** Serves the registry's meters on the port. */
    public static MetricsEndpoint start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
            MetricsEndpoint endpoint = new MetricsEndpoint(server);
            server.createContext("/metrics", exchange -> {
                byte[] body = endpoint.registry.scrape().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return endpoint;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics on port " + port, e);
        }
    }

    /** Also answers {@code GET /costs} from the cost aggregates (docs/costs.md). */
    public void serveCosts(CostQuery costs) {
        server.createContext("/costs", exchange -> {
            CostQuery.Answer answer = costs.answer(exchange.getRequestURI().getRawQuery());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        });
    }

    /** Where meters are registered. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        server.stop(0);
        registry.close();
    }
}
