package io.llmrouter.bridge.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.schemas.HealthEvent;
import io.llmrouter.schemas.WireFormat;

/**
 * The newest health the workers reported for each provider and model, for {@code GET /v1/router/providers}.
 *
 * <p>Workers report every 5 s; a report older than {@link #STALE_AFTER} is flagged stale, since its worker
 * may be gone. Queue depth is the calls the workers have under way, as they report it.
 */
public final class ProviderHealth {

    /** How old a report may be before it is flagged stale: three missed reports. */
    public static final Duration STALE_AFTER = Duration.ofSeconds(15);

    private final Map<String, HealthEvent> latest = new ConcurrentHashMap<>();
    private final Clock clock;

    public ProviderHealth(Clock clock) {
        this.clock = clock;
    }

    /** Keeps {@code event} unless a newer report of the same deployment is already kept. */
    public void update(HealthEvent event) {
        latest.merge(key(event), event, (kept, fresh) -> fresh.timestamp() >= kept.timestamp() ? fresh : kept);
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
