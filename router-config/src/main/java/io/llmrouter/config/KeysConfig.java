package io.llmrouter.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Virtual API keys: who may call the bridge, and what each caller may spend. With no key configured and no admin key
 * the bridge is open (development mode).
 *
 * @param adminKey     the key of {@code /admin/keys}; without it the admin endpoint is off
 * @param globalBudget what all keys together may spend per month
 * @param virtual      keys by id (the id is what topics, logs and metrics name; never the key)
 */
public record KeysConfig(
        @JsonProperty("admin-key") Secret adminKey,
        @JsonProperty("global-budget") GlobalBudget globalBudget,
        @JsonProperty("virtual") Map<String, VirtualKey> virtual) {

    /** No keys: the bridge is open. */
    public static final KeysConfig NONE = new KeysConfig(null, null, null);

    public KeysConfig {
        adminKey = adminKey == null ? Secret.empty() : adminKey;
        globalBudget = globalBudget == null ? GlobalBudget.NONE : globalBudget;
        virtual = virtual == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(virtual));
    }

    /** True when callers must present a key: some key is configured, or keys can be created by the admin. */
    public boolean enforced() {
        return !virtual.isEmpty() || !adminKey.isEmpty();
    }

    /**
     * The monthly budget of all keys together; an absent limit is unlimited.
     *
     * @param monthlyTokens tokens per UTC calendar month
     * @param monthlyUsd    USD per UTC calendar month
     */
    public record GlobalBudget(
            @JsonProperty("monthly-tokens") Long monthlyTokens,
            @JsonProperty("monthly-usd") Double monthlyUsd) {

        /** No global budget. */
        public static final GlobalBudget NONE = new GlobalBudget(null, null);

        /** The budget in the shape the quota ledger uses. */
        public QuotaConfig limits() {
            return new QuotaConfig(null, null, null, monthlyTokens, null, monthlyUsd);
        }

        /** True when either limit is set. */
        public boolean limited() {
            return monthlyTokens != null || monthlyUsd != null;
        }
    }
}
