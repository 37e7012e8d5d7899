package io.llmrouter.bridge.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.schemas.HealthEvent;
import io.llmrouter.schemas.WireFormat;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * The newest health the workers reported for each provider and model, for {@code GET /v1/router/providers}.
 *
 * <p>Workers report every 5 s; a report older than {@link #STALE_AFTER} is flagged stale, since its worker
 * may be gone. Queue depth is the calls the workers have under way, as they report it. Bound to a registry, each
 * reported deployment also shows as gauges: breaker state, queue depth, latency and error rate.
 */
public final class ProviderHealth {

    /** How old a report may be before it is flagged stale: three missed reports. */
    public static final Duration STALE_AFTER = Duration.ofSeconds(15);

    private final Map<String, HealthEvent> latest = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile MeterRegistry registry;

    public ProviderHealth(Clock clock) {
        this.clock = clock;
    }

    /** Keeps {@code event} unless a newer report of the same deployment is already kept. */
    public void update(HealthEvent event) {
        String key = key(event);
        boolean known = latest.containsKey(key);
        latest.merge(key, event, (kept, fresh) -> fresh.timestamp() >= kept.timestamp() ? fresh : kept);
        MeterRegistry meters = registry;
        if (meters != null && !known) {
            register(meters, key, event);
        }
    }

    /** Shows every reported deployment, now and later, as gauges in {@code meters}. */
    public void bindTo(MeterRegistry meters) {
        registry = meters;
        latest.forEach((key, event) -> register(meters, key, event));
    }

    /** The breaker state as a gauge value: 0 closed, 1 half-open, 2 open. */
    static double breakerValue(String state) {
        return switch (state == null ? "" : state) {
            case "open" -> 2;
            case "half_open" -> 1;
            default -> 0;
        };
    }

    // Registering a gauge twice returns the first, so a race between update and bindTo is harmless.
    private void register(MeterRegistry meters, String key, HealthEvent event) {
        Tags tags = Tags.of("provider", BridgeMetrics.label(event.provider()),
                "model", BridgeMetrics.label("*".equals(event.model()) ? null : event.model()));
        gauge(meters, "llm.router.breaker.state", "Circuit breaker: 0 closed, 1 half-open, 2 open", key, tags,
                e -> breakerValue(e.breakerState()));
        gauge(meters, "llm.router.upstream.queue.depth", "Calls the workers have under way", key, tags,
                HealthEvent::inFlight);
        gauge(meters, "llm.router.upstream.latency.ms", "Recent upstream latency (moving average)", key, tags,
                HealthEvent::latencyMs);
        gauge(meters, "llm.router.upstream.error.rate", "Share of recent upstream calls that failed", key, tags,
                HealthEvent::errorRate);
    }

    private void gauge(MeterRegistry meters, String name, String description, String key, Tags tags,
                       ToDoubleFunction<HealthEvent> value) {
        Gauge.builder(name, latest, all -> {
            HealthEvent event = all.get(key);
            return event == null ? Double.NaN : value.applyAsDouble(event);
        }).description(description).tags(tags).register(meters);
    }

    /** Each reported deployment by {@code provider/model} ({@code provider} for a provider-wide breaker), sorted. */
    public ObjectNode status() {
        ObjectNode body = WireFormat.mapper().createObjectNode();
        long now = clock.millis();
        for (Map.Entry<String, HealthEvent> entry : new TreeMap<>(latest).entrySet()) {
            HealthEvent event = entry.getValue();
            ObjectNode status = body.putObject(entry.getKey());
            status.put("provider", event.provider());
            status.put("model", "*".equals(event.model()) ? null : event.model());
            status.put("queue_depth", event.inFlight());
            status.putObject("circuit_breaker").put("state", event.breakerState())
                    .put("error_rate", event.errorRate()).put("rate_limited_rate", event.rateLimitedRate());
            status.put("latency_ms", event.latencyMs());
            status.put("reported_at", event.timestamp());
            status.put("stale", now - event.timestamp() > STALE_AFTER.toMillis());
        }
        return body;
    }

    private static String key(HealthEvent event) {
        return event.model() == null || "*".equals(event.model()) ? event.provider()
                : event.provider() + "/" + event.model();
    }
}
