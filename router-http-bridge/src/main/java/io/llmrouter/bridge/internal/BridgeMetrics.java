package io.llmrouter.bridge.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * This bridge instance's calls as Micrometer meters, scraped in Prometheus' text format.
 *
 * <p>Every label value comes from the router's own vocabulary (api, priority, outcome, cause, error code) or
 * from the configuration (provider and model names of the deployment that served): never the caller's model
 * string, headers or keys, so no secret can reach a label and callers cannot blow up the series count.
 */
public final class BridgeMetrics implements CallObserver, AutoCloseable {

    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
        Duration.ofSeconds(60), Duration.ofSeconds(120)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public BridgeMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc.bindTo(registry);
        inFlight(ObservedCall.CHAT);
        inFlight(ObservedCall.MESSAGES);
        inFlight(ObservedCall.EMBEDDINGS);
    }

    @Override
    public void started(String api) {
        inFlight(api).incrementAndGet();
    }

    @Override
    public void finished(FinishedCall call) {
        inFlight(call.api()).decrementAndGet();
        String provider = label(call.provider());
        String model = label(call.model());
        String priority = call.priority() == null ? "none" : call.priority().wireName();
        Tags served = Tags.of("provider", provider, "model", model, "priority", priority);
        Tags tags = served.and("api", call.api(), "outcome", call.outcome().label());
        Counter.builder("llm.router.requests").description("Calls answered by this bridge")
                .tags(tags).register(registry).increment();
        if (call.keyId() != null) {
            // Labelled by the key's id only; the key itself is never kept by the bridge.
            Counter.builder("llm.router.key.requests").description("Calls answered by this bridge, by virtual key")
                    .tags("key", call.keyId(), "outcome", call.outcome().label()).register(registry).increment();
        }
        Timer.builder("llm.router.request.duration").description("From a call's arrival to its answer")
                .serviceLevelObjectives(LATENCY_BUCKETS).tags(tags).register(registry)
                .record(call.latencyNanos(), TimeUnit.NANOSECONDS);
        call.cause().ifPresent(cause -> Counter.builder("llm.router.errors")
                .description("Errors answered, by whose doing they were")
                .tags(tags.and("cause", cause.label(), "code", label(call.error().code()),
                        "status", String.valueOf(call.error().status())))
                .register(registry).increment());
        ReplyFacts facts = call.facts();
        tokens(served, "prompt", facts.promptTokens());
        tokens(served, "completion", facts.completionTokens());
        facts.costUsd().ifPresent(cost -> Counter.builder("llm.router.cost").baseUnit("usd")
                .description("Price of the calls, where replies carry it").tags(served).register(registry)
                .increment(cost));
        facts.cacheTier().ifPresent(tier -> Counter.builder("llm.router.cache.hits")
                .description("Calls a cache answered").tags(served.and("tier", label(tier))).register(registry)
                .increment());
        if (call.firstTokenNanos() >= 0) {
            Timer.builder("llm.router.time.to.first.token").description("From a streamed call's arrival to its first token")
                    .serviceLevelObjectives(LATENCY_BUCKETS).tags(served.and("api", call.api())).register(registry)
                    .record(call.firstTokenNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** The registry behind {@code /metrics}, so parts sharing the process can add their meters. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Every meter in Prometheus' text exposition format. */
    public String scrape() {
        return registry.scrape();
    }

    private void tokens(Tags served, String kind, long count) {
        if (count > 0) {
            Counter.builder("llm.router.tokens").description("Tokens of answered calls")
                    .tags(served.and("kind", kind)).register(registry).increment(count);
        }
    }

    private AtomicInteger inFlight(String api) {
        return inFlight.computeIfAbsent(api, name -> {
            AtomicInteger count = new AtomicInteger();
            Gauge.builder("llm.router.requests.in.flight", count, AtomicInteger::get)
                    .description("Calls waiting for their answer").tag("api", name).register(registry);
            return count;
        });
    }

    // Names from configuration or the router's code vocabulary; anything else is made harmless, never passed through.
    static String label(String value) {
        if (value == null || value.isBlank()) {
            return "none";
        }
        String cleaned = value.replaceAll("[^A-Za-z0-9._:/-]", "_");
        return cleaned.length() > 80 ? cleaned.substring(0, 80) : cleaned;
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
