package io.llmrouter.streams.internal.quota;

import io.llmrouter.config.QuotaConfig;

/**
 * What one provider, or one model of a provider, has used: the ledger's stored record per quota scope. A part whose
 * limit is not configured stays null.
 *
 * @param tokensPerMinute the tokens-per-minute bucket
 * @param requestsPerMinute the requests-per-minute bucket
 * @param day   tokens and USD of the current UTC day
 * @param month tokens and USD of the current UTC month
 */
public record QuotaState(TokenBucket tokensPerMinute, TokenBucket requestsPerMinute, Budget day, Budget month) {

    /** Nothing used yet. */
    public static QuotaState fresh(QuotaConfig quota, long now) {
        return new QuotaState(
                quota.tokensPerMinute() == null ? null : TokenBucket.full(quota.tokensPerMinute(), now),
                quota.requestsPerMinute() == null ? null : TokenBucket.full(quota.requestsPerMinute(), now),
                Budget.empty(Budget.Period.DAY, now), Budget.empty(Budget.Period.MONTH, now));
    }

    /** The state at {@code now}: buckets refilled, budgets of past windows emptied, parts for new limits added. */
    public QuotaState at(QuotaConfig quota, long now) {
        QuotaState fresh = fresh(quota, now);
        return new QuotaState(
                quota.tokensPerMinute() == null ? null : tokensPerMinute == null ? fresh.tokensPerMinute
                        : tokensPerMinute.refilled(quota.tokensPerMinute(), now),
                quota.requestsPerMinute() == null ? null : requestsPerMinute == null ? fresh.requestsPerMinute
                        : requestsPerMinute.refilled(quota.requestsPerMinute(), now),
                day == null ? fresh.day : day.current(Budget.Period.DAY, now),
                month == null ? fresh.month : month.current(Budget.Period.MONTH, now));
    }

    /**
     * The state after spending {@code tokens} and {@code usd} (negative to give back) and {@code requests} requests.
     * Budgets are only changed when {@code window} (the day the spend was first reserved in) is still current, so a
     * correction never lands in a later window than its reservation.
     */
    public QuotaState spend(QuotaConfig quota, long requests, long tokens, double usd, long reservedAt) {
        boolean sameDay = Budget.Period.DAY.windowOf(reservedAt) == day.window();
        boolean sameMonth = Budget.Period.MONTH.windowOf(reservedAt) == month.window();
        return new QuotaState(
                tokensPerMinute == null ? null : tokensPerMinute.take(quota.tokensPerMinute(), tokens),
                requestsPerMinute == null ? null : requestsPerMinute.take(quota.requestsPerMinute(), requests),
                sameDay ? day.plus(tokens, usd) : day,
                sameMonth ? month.plus(tokens, usd) : month);
    }

    /**
     * What is left of one limit at {@code now}: requests or tokens in a minute bucket (below zero while in debt),
     * tokens or USD of the day or month; NaN for a limit that is not configured.
     */
    public double remaining(QuotaConfig quota, String limit, long now) {
        QuotaState at = at(quota, now);
        return switch (limit) {
            case "requests-per-minute" -> at.requestsPerMinute == null ? Double.NaN : at.requestsPerMinute.level();
            case "tokens-per-minute" -> at.tokensPerMinute == null ? Double.NaN : at.tokensPerMinute.level();
            case "tokens-per-day" -> quota.tokensPerDay() == null ? Double.NaN : quota.tokensPerDay() - at.day.tokens();
            case "tokens-per-month" -> quota.tokensPerMonth() == null ? Double.NaN
                    : quota.tokensPerMonth() - at.month.tokens();
            case "usd-per-day" -> quota.usdPerDay() == null ? Double.NaN : quota.usdPerDay() - at.day.usd();
            case "usd-per-month" -> quota.usdPerMonth() == null ? Double.NaN : quota.usdPerMonth() - at.month.usd();
            default -> Double.NaN;
        };
    }
}
