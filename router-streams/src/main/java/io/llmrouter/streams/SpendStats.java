package io.llmrouter.streams;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

import io.llmrouter.schemas.UsageEvent;
import io.llmrouter.streams.internal.quota.QuotaState;

/**
 * What this streams instance has seen spent and refused: cost and tokens per deployment (from {@code llm.usage}),
 * quota refusals per scope and limit, and the latest state of each quota scope its ledger tasks own.
 */
public final class SpendStats {

    private final ConcurrentMap<String, Spent> spent = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LongAdder> refusals = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, QuotaState> quotaStates = new ConcurrentHashMap<>();

    /** Running sums of one deployment. */
    private static final class Spent {
        final DoubleAdder usd = new DoubleAdder();
        final LongAdder promptTokens = new LongAdder();
        final LongAdder completionTokens = new LongAdder();
    }

    /** Counts one usage event. */
    public void countUsage(UsageEvent usage) {
        Spent of = spent.computeIfAbsent(deployment(usage.provider(), usage.model()), k -> new Spent());
        of.usd.add(usage.costUsd());
        of.promptTokens.add(usage.promptTokens());
        of.completionTokens.add(usage.completionTokens());
    }

    /** Counts one request a quota refused. */
    public void countRefusal(String scope, String limit) {
        refusals.computeIfAbsent(scope + "|" + limit, k -> new LongAdder()).increment();
    }

    /** Records what a quota scope has used, as the ledger stored it last. */
    public void noteQuotaState(String scope, QuotaState state) {
        quotaStates.put(scope, state);
    }

    /** USD spent on a deployment. */
    public double costUsd(String provider, String model) {
        Spent of = spent.get(deployment(provider, model));
        return of == null ? 0.0 : of.usd.sum();
    }

    /** Prompt tokens spent on a deployment. */
    public long promptTokens(String provider, String model) {
        Spent of = spent.get(deployment(provider, model));
        return of == null ? 0 : of.promptTokens.sum();
    }

    /** Completion tokens spent on a deployment. */
    public long completionTokens(String provider, String model) {
        Spent of = spent.get(deployment(provider, model));
        return of == null ? 0 : of.completionTokens.sum();
    }

    /** Requests refused by one limit of one quota scope ({@code provider} or {@code provider/model}). */
    public long refusals(String scope, String limit) {
        LongAdder count = refusals.get(scope + "|" + limit);
        return count == null ? 0 : count.sum();
    }

    /** The latest state of a quota scope, when a ledger task of this instance owns it and has touched it. */
    public Optional<QuotaState> quotaState(String scope) {
        return Optional.ofNullable(quotaStates.get(scope));
    }

    private static String deployment(String provider, String model) {
        return provider + "/" + model;
    }
}
