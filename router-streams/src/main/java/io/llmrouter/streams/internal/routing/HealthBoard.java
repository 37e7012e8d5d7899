package io.llmrouter.streams.internal.routing;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.llmrouter.config.HealthSettings;
import io.llmrouter.schemas.HealthEvent;

/**
 * This instance's view of every deployment's health, from the workers' events on {@code llm.health}:
 * the latest breaker state, error and 429 rates and calls in flight, and a moving average of latency.
 * Kept beside the global store {@code health} and shared by the stream threads.
 */
public final class HealthBoard {

    /** The key of a provider-wide report, whose breaker covers every model of the provider. */
    static final String ANY_MODEL = "*";

    private final HealthSettings settings;
    private final Map<String, Status> byDeployment = new ConcurrentHashMap<>();

    public HealthBoard(HealthSettings settings) {
        this.settings = settings;
    }

    /**
     * A deployment's health as last reported.
     *
     * @param breakerState    {@code closed}, {@code open} or {@code half_open}
     * @param latencyMs       moving average of the reported latencies; 0 when none was reported yet
     * @param errorRate       share of recent calls that failed
     * @param rateLimitedRate share of recent calls answered 429
     * @param inFlight        calls under way when reported
     * @param reportedAt      epoch milliseconds of the report
     * @param routedSince     requests this instance routed there since the report
     */
    public record Status(String breakerState, double latencyMs, double errorRate, double rateLimitedRate,
                         int inFlight, long reportedAt, AtomicInteger routedSince) {

        /** True when the breaker lets no call through. */
        public boolean open() {
            return "open".equals(breakerState);
        }

        /** True when the breaker lets trial calls through. */
        public boolean halfOpen() {
            return "half_open".equals(breakerState);
        }
    }

    /** Takes in one health event. */
    public void report(HealthEvent event) {
        String key = event.provider() + "/" + event.model();
        byDeployment.compute(key, (k, old) -> {
            double latency = event.latencyMs();
            if (old != null && old.latencyMs() > 0) {
                latency = latency <= 0 ? old.latencyMs()
                        : old.latencyMs() + settings.latencySmoothing() * (latency - old.latencyMs());
            }
            return new Status(event.breakerState(), latency, event.errorRate(), event.rateLimitedRate(),
                    event.inFlight(), event.timestamp(), new AtomicInteger());
        });
    }

    /** The model's own fresh report, else its provider's; empty when nothing recent is known or health is off. */
    public Optional<Status> statusOf(String provider, String model, long now) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        Optional<Status> own = fresh(byDeployment.get(provider + "/" + model), now);
        return own.isPresent() ? own : fresh(byDeployment.get(provider + "/" + ANY_MODEL), now);
    }

    /** Counts a request routed to the deployment, for least-busy balancing between two reports. */
    public void noteRouted(String provider, String model, long now) {
        statusOf(provider, model, now).ifPresent(status -> status.routedSince().incrementAndGet());
    }

    private Optional<Status> fresh(Status status, long now) {
        return status != null && now - status.reportedAt() <= settings.maxAgeMs() ? Optional.of(status) : Optional.empty();
    }
}
