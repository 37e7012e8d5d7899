package io.llmrouter.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Limits on what one provider, or one model of a provider, may spend; an absent limit is unlimited.
 *
 * @param tokensPerMinute   prompt plus completion tokens per minute, as a token bucket
 * @param requestsPerMinute requests per minute, as a token bucket
 * @param tokensPerDay      tokens per UTC day
 * @param tokensPerMonth    tokens per UTC calendar month
 * @param usdPerDay         spend in USD per UTC day
 * @param usdPerMonth       spend in USD per UTC calendar month
 */
public record QuotaConfig(
        @JsonProperty("tokens-per-minute") Long tokensPerMinute,
        @JsonProperty("requests-per-minute") Long requestsPerMinute,
        @JsonProperty("tokens-per-day") Long tokensPerDay,
        @JsonProperty("tokens-per-month") Long tokensPerMonth,
        @JsonProperty("usd-per-day") Double usdPerDay,
        @JsonProperty("usd-per-month") Double usdPerMonth) {

    /** No limit at all. */
    public static final QuotaConfig UNLIMITED = new QuotaConfig(null, null, null, null, null, null);

    /** True when at least one limit is set. */
    public boolean limited() {
        return tokensPerMinute != null || requestsPerMinute != null || tokensPerDay != null || tokensPerMonth != null
                || usdPerDay != null || usdPerMonth != null;
    }
}
