package io.llmrouter.streams.internal.routing;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.llmrouter.config.ModelConfig;
import io.llmrouter.config.ProviderConfig;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.config.TargetRef;
import io.llmrouter.schemas.LlmRequest;

/**
 * The skip rules: a deployment can take a request unless it failed it already, its provider is off, its
 * breaker is open, its queue is full, it is being rate-limited, it lacks a capability the request needs,
 * or its context window cannot hold the prompt plus {@code max_tokens}.
 */
final class CandidateCheck {

    private final RouterConfig config;
    private final Set<String> availableProviders;
    private final HealthBoard health;
    private final TokenCounter tokens;

    CandidateCheck(RouterConfig config, Set<String> availableProviders, HealthBoard health, TokenCounter tokens) {
        this.config = config;
        this.availableProviders = Set.copyOf(availableProviders);
        this.health = health;
        this.tokens = tokens;
    }

    /** The kind of reason a candidate was passed over: provider or health, a missing capability, or the window. */
    enum Fault { OTHER, CAPABILITY, CONTEXT }

    /**
     * The verdict on one deployment.
     *
     * @param candidate set when it can serve
     * @param fault     the kind of reason, when it cannot
     * @param reason    {@code provider/model: reason}, when it cannot
     */
    record Verdict(Candidate candidate, Fault fault, String reason) {
        static Verdict skip(TargetRef target, Fault fault, String why) {
            return new Verdict(null, fault, target + ": " + why);
        }
    }

    Verdict check(TargetRef target, LlmRequest request, PromptShape shape, long now) {
        Optional<LlmRequest.Attempt> failed = request.attempts().stream()
                .filter(a -> a.provider().equals(target.provider()) && a.model().equals(target.model())).findFirst();
        if (failed.isPresent()) {
            LlmRequest.Attempt attempt = failed.get();
            // A quota refusal is no failure of the deployment: the explanation says so, and when it can serve again.
            return Verdict.skip(target, Fault.OTHER, RoutePlanner.QUOTA_EXCEEDED.equals(attempt.code())
                    ? "over quota" + (attempt.retryAfterMs() == null ? ""
                            : " (capacity returns in " + Math.max(1, (attempt.retryAfterMs() + 999) / 1000) + " s)")
                    : "failed already (" + attempt.status() + ")");
        }
        if (!availableProviders.contains(target.provider())) {
            return Verdict.skip(target, Fault.OTHER, "provider off (no API key, or not reachable at start-up)");
        }
        ProviderConfig provider = config.providers().get(target.provider());
        ModelConfig model = provider.models().get(target.model());
        Optional<HealthBoard.Status> status = health.statusOf(target.provider(), target.model(), now);
        if (status.isPresent()) {
            String unhealthy = unhealthy(status.get(), provider, now);
            if (unhealthy != null) {
                return Verdict.skip(target, Fault.OTHER, unhealthy);
            }
        }
        String missing = missingCapability(shape, model);
        if (missing != null) {
            return Verdict.skip(target, Fault.CAPABILITY, missing);
        }
        int promptTokens = tokens.count(shape, provider.kind(), target.model()).tokens();
        int reserved = shape.maxTokens() == null ? 0 : shape.maxTokens();
        if (promptTokens + reserved > model.contextWindow()) {
            return Verdict.skip(target, Fault.CONTEXT, "context window " + model.contextWindow() + " cannot hold "
                    + promptTokens + " prompt tokens" + (reserved > 0 ? " + " + reserved + " max_tokens" : ""));
        }
        int completion = shape.maxTokens() == null ? config.routing().expectedCompletionTokens() : shape.maxTokens();
        double latency = status.map(HealthBoard.Status::latencyMs).filter(ms -> ms > 0)
                .orElse(config.routing().health().assumedLatencyMs());
        double factor = status.map(this::healthFactor).orElse(1.0);
        boolean local = config.routing().localFirst().localKinds().contains(provider.kind());
        return new Verdict(new Candidate(target, provider.kind(), model, local, promptTokens,
                model.cost(promptTokens, completion), latency, factor, 0), null, null);
    }

    private String unhealthy(HealthBoard.Status status, ProviderConfig provider, long now) {
        long age = Math.max(0, now - status.reportedAt()) / 1000;
        if (status.open()) {
            return "breaker open (reported " + age + " s ago)";
        }
        int limit = provider.resilience().maxInFlight();
        if (status.inFlight() >= limit) {
            return "queue full (" + status.inFlight() + " of " + limit + " calls in flight)";
        }
        if (status.rateLimitedRate() >= config.routing().health().skipRateLimitedRate()) {
            return String.format(Locale.ROOT, "rate-limited (%.0f%% of recent calls answered 429)",
                    status.rateLimitedRate() * 100);
        }
        return null;
    }

    private double healthFactor(HealthBoard.Status status) {
        double factor = (1 - status.errorRate()) * (1 - status.rateLimitedRate());
        return status.halfOpen() ? factor * config.routing().health().halfOpenFactor() : factor;
    }

    private static String missingCapability(PromptShape shape, ModelConfig model) {
        if (shape.needsVision() && !model.capabilities().contains("vision")) {
            return "no vision (the request has images)";
        }
        if (shape.needsTools() && !model.capabilities().contains("tools")) {
            return "no tools (the request offers tools)";
        }
        if (shape.needsJsonMode() && !model.capabilities().contains("json_mode")) {
            return "no JSON mode (the request asks for response_format JSON)";
        }
        return null;
    }
}
