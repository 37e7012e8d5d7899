package io.llmrouter.streams;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.llmrouter.config.QuotaConfig;
import io.llmrouter.config.RouterConfig;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Cost and quota figures as Micrometer meters, one series per configured deployment or quota scope:
 * {@code llm_router_usage_cost_usd_total} and {@code llm_router_usage_tokens_total} by provider and model (named apart
 * from the bridge's {@code llm_router_cost_usd_total} and {@code llm_router_tokens_total}, which count what one bridge
 * answered, by priority, and share a registry with these in standalone mode),
 * {@code llm_router_quota_refusals_total} by provider, scope and limit, and {@code llm_router_quota_remaining} by
 * provider, scope and limit (NaN where no ledger task of this instance owns the scope).
 */
public final class SpendMeters {

    private SpendMeters() {
    }

    /** Registers the meters of one streams instance. */
    static void bind(MeterRegistry registry, SpendStats stats, RouterConfig config, Clock clock) {
        config.providers().forEach((providerId, provider) -> {
            provider.models().keySet().forEach(model -> deployment(registry, stats, providerId, model));
            quotaScope(registry, stats, providerId, providerId, provider.quota(), clock);
            provider.models().forEach((model, settings) ->
                    quotaScope(registry, stats, providerId, providerId + "/" + model, settings.quota(), clock));
        });
    }

    private static void deployment(MeterRegistry registry, SpendStats stats, String provider, String model) {
        FunctionCounter.builder("llm.router.usage.cost.usd", stats, s -> s.costUsd(provider, model))
                .description("Cost of served requests from the configured prices, in USD")
                .tags("provider", provider, "model", model)
                .register(registry);
        FunctionCounter.builder("llm.router.usage.tokens", stats, s -> s.promptTokens(provider, model))
                .description("Tokens of served requests, by kind")
                .tags("provider", provider, "model", model, "kind", "prompt")
                .register(registry);
        FunctionCounter.builder("llm.router.usage.tokens", stats, s -> s.completionTokens(provider, model))
                .description("Tokens of served requests, by kind")
                .tags("provider", provider, "model", model, "kind", "completion")
                .register(registry);
    }

    private static void quotaScope(MeterRegistry registry, SpendStats stats, String provider, String scope,
                                   QuotaConfig quota, Clock clock) {
        for (String limit : configuredLimits(quota)) {
            FunctionCounter.builder("llm.router.quota.refusals", stats, s -> s.refusals(scope, limit))
                    .description("Requests a quota refused, by scope and limit")
                    .tags("provider", provider, "scope", scope, "limit", limit)
                    .register(registry);
            Gauge.builder("llm.router.quota.remaining", stats, s -> s.quotaState(scope)
                            .map(state -> state.remaining(quota, limit, clock.millis())).orElse(Double.NaN))
                    .description("What is left of a quota limit: requests, tokens or USD as the limit counts")
                    .tags("provider", provider, "scope", scope, "limit", limit)
                    .register(registry);
        }
    }

    private static List<String> configuredLimits(QuotaConfig quota) {
        List<String> limits = new ArrayList<>();
        if (quota.requestsPerMinute() != null) {
            limits.add("requests-per-minute");
        }
        if (quota.tokensPerMinute() != null) {
            limits.add("tokens-per-minute");
        }
        if (quota.tokensPerDay() != null) {
            limits.add("tokens-per-day");
        }
        if (quota.tokensPerMonth() != null) {
            limits.add("tokens-per-month");
        }
        if (quota.usdPerDay() != null) {
            limits.add("usd-per-day");
        }
        if (quota.usdPerMonth() != null) {
            limits.add("usd-per-month");
        }
        return limits;
    }
}
