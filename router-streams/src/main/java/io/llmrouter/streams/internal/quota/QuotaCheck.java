package io.llmrouter.streams.internal.quota;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import io.llmrouter.config.QuotaConfig;

/**
 * Decides whether a request's estimate fits one scope's quota. Each limit admits the estimate when it fits, or when
 * nothing of that limit is used yet, so a single request larger than a limit is served once rather than never and
 * no limit is overspent by more than one request's estimate.
 */
public final class QuotaCheck {

    private QuotaCheck() {
    }

    /**
     * Why a request was refused, and when capacity returns.
     *
     * @param scope     the quota scope: {@code provider} or {@code provider/model}
     * @param limit     the limit that refused, e.g. {@code tokens-per-minute}
     * @param reason    which limit, how much is left and how much was needed
     * @param returnsAt when the limit admits the estimate again
     */
    public record Refusal(String scope, String limit, String reason, Instant returnsAt) {

        /** The refusal as a person reads it. */
        public String describe(long now) {
            long seconds = Math.max(1, (returnsAt.toEpochMilli() - now + 999) / 1000);
            return reason + "; capacity returns in " + seconds + " s (at " + returnsAt + ")";
        }
    }

    /** The refusal of the first limit the estimate does not fit, or empty when every limit admits it. */
    public static Optional<Refusal> check(String scope, QuotaConfig quota, QuotaState state, long tokens, double usd,
                                          long now) {
        if (quota.requestsPerMinute() != null && !state.requestsPerMinute().admits(quota.requestsPerMinute(), 1)) {
            return refusal(scope, "requests-per-minute", quota.requestsPerMinute(),
                    state.requestsPerMinute().level(), 1,
                    Instant.ofEpochMilli(now + state.requestsPerMinute().millisUntil(quota.requestsPerMinute(), 1)));
        }
        if (quota.tokensPerMinute() != null && !state.tokensPerMinute().admits(quota.tokensPerMinute(), tokens)) {
            return refusal(scope, "tokens-per-minute", quota.tokensPerMinute(), state.tokensPerMinute().level(), tokens,
                    Instant.ofEpochMilli(now + state.tokensPerMinute().millisUntil(quota.tokensPerMinute(), tokens)));
        }
        Optional<Refusal> day = budget(scope, "day", Budget.Period.DAY, quota.tokensPerDay(), quota.usdPerDay(),
                state.day(), tokens, usd);
        if (day.isPresent()) {
            return day;
        }
        return budget(scope, "month", Budget.Period.MONTH, quota.tokensPerMonth(), quota.usdPerMonth(), state.month(),
                tokens, usd);
    }

    private static Optional<Refusal> budget(String scope, String per, Budget.Period period, Long tokenLimit,
                                            Double usdLimit, Budget budget, long tokens, double usd) {
        Instant next = period.nextStart(budget.window());
        if (tokenLimit != null && budget.tokens() > 0 && budget.tokens() + tokens > tokenLimit) {
            return refusal(scope, "tokens-per-" + per, tokenLimit, tokenLimit - budget.tokens(), tokens, next);
        }
        if (usdLimit != null && budget.usd() > 0 && budget.usd() + usd > usdLimit) {
            return Optional.of(new Refusal(scope, "usd-per-" + per, String.format(Locale.ROOT,
                    "%s over its usd-per-%s quota (%.4f USD; %.4f left, %.4f estimated)", scope, per, usdLimit,
                    usdLimit - budget.usd(), usd), next));
        }
        return Optional.empty();
    }

    private static Optional<Refusal> refusal(String scope, String limit, long configured, double left, long needed,
                                             Instant returnsAt) {
        return Optional.of(new Refusal(scope, limit, String.format(Locale.ROOT,
                "%s over its %s quota (%d; %d left, %d needed)",
                scope, limit, configured, (long) Math.floor(left), needed), returnsAt));
    }
}
