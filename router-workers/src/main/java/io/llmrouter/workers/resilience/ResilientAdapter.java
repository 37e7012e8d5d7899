package io.llmrouter.workers.resilience;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.github.resilience4j.core.IntervalFunction;
import io.llmrouter.config.ResilienceConfig;
import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.workers.ChunkSink;
import io.llmrouter.workers.ProviderAdapter;
import io.llmrouter.workers.UpstreamResult;
import io.llmrouter.workers.UpstreamResult.Failure;

/**
 * Wraps a provider's adapter in its breakers, bulkhead and retries.
 *
 * <p>Retriable failures are tried again after an exponential backoff with jitter, or after the
 * upstream's {@code Retry-After} when it gave one, up to {@code retry-max-attempts} calls. A stream
 * is retried only while no chunk has reached the caller.
 */
public final class ResilientAdapter implements ProviderAdapter {

    private final String providerId;
    private final ProviderAdapter inner;
    private final ResilienceConfig config;
    private final ScheduledExecutorService scheduler;
    private final java.time.Clock clock;
    private final IntervalFunction backoff;
    private final Map<String, ProviderGuard> guards = new ConcurrentHashMap<>();

    public ResilientAdapter(String providerId, ProviderAdapter inner, ResilienceConfig config,
                            ScheduledExecutorService scheduler, java.time.Clock clock) {
        this.providerId = providerId;
        this.inner = inner;
        this.config = config;
        this.scheduler = scheduler;
        this.clock = clock;
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(config.retryInitialBackoffMs()),
                2.0, 0.5, Duration.ofMillis(config.retryMaxBackoffMs()));
    }

    @Override
    public CompletableFuture<UpstreamResult> complete(LlmRequest request) {
        return guarded(request, () -> inner.complete(request), () -> true);
    }

    @Override
    public CompletableFuture<UpstreamResult> stream(LlmRequest request, ChunkSink sink) {
        AtomicBoolean started = new AtomicBoolean();
        ChunkSink tracking = chunk -> {
            started.set(true);
            sink.chunk(chunk);
        };
        return guarded(request, () -> inner.stream(request, tracking), () -> !started.get());
    }

    /** Every guard created so far, for health events. */
    public Collection<ProviderGuard> guards() {
        return guards.values();
    }

    /** The guard for a model: one per model, or one shared by the provider. */
    public ProviderGuard guardFor(String model) {
        String name = config.perModel() ? providerId + "/" + model : providerId;
        return guards.computeIfAbsent(name, n -> new ProviderGuard(n, config, clock));
    }

    private CompletableFuture<UpstreamResult> guarded(LlmRequest request, Supplier<CompletableFuture<UpstreamResult>> call,
                                                      Supplier<Boolean> mayRetry) {
        ProviderGuard guard = guardFor(request.route().model());
        if (!guard.enter()) {
            return CompletableFuture.completedFuture(rejected("has " + config.maxInFlight() + " calls in flight already"));
        }
        CompletableFuture<UpstreamResult> result = new CompletableFuture<>();
        attempt(guard, call, mayRetry, 1, result);
        return result.whenComplete((r, e) -> guard.leave());
    }

    private void attempt(ProviderGuard guard, Supplier<CompletableFuture<UpstreamResult>> call, Supplier<Boolean> mayRetry,
                         int number, CompletableFuture<UpstreamResult> result) {
        if (!guard.permitCall()) {
            result.complete(rejected("circuit breaker is open"));
            return;
        }
        CompletableFuture<UpstreamResult> pending;
        try {
            pending = call.get();
        } catch (RuntimeException e) {
            // A plug-in adapter may throw instead of answering; it must still count, and free its place.
            pending = CompletableFuture.failedFuture(e);
        }
        pending.whenComplete((outcome, error) -> {
            UpstreamResult done = outcome != null ? outcome : UpstreamResult.failure(Failure.CONNECTION,
                    ErrorInfo.internal(providerId + " adapter failed: " + error), null, 0);
            guard.record(done);
            if (done.failure().retriable() && number < config.retryMaxAttempts() && mayRetry.get()) {
                long wait = done.retryAfter() != null
                        ? Math.min(done.retryAfter().toMillis(), config.retryMaxBackoffMs())
                        : backoff.apply(number);
                scheduler.schedule(() -> attempt(guard, call, mayRetry, number + 1, result), wait, TimeUnit.MILLISECONDS);
            } else {
                result.complete(done);
            }
        });
    }

    private UpstreamResult rejected(String why) {
        return UpstreamResult.failure(Failure.REJECTED, new ErrorInfo(503, "service_unavailable", "provider_unavailable",
                providerId + " " + why, null), null, 0);
    }
}
