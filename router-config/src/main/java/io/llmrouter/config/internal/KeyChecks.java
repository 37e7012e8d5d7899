package io.llmrouter.config.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.llmrouter.config.KeyHash;
import io.llmrouter.config.KeysConfig;
import io.llmrouter.config.VirtualKey;

/** Checks the {@code keys} section: ids, digests, limits and the global budget. */
final class KeyChecks {

    private final List<String> problems;

    KeyChecks(List<String> problems) {
        this.problems = problems;
    }

    void check(KeysConfig keys) {
        Map<String, String> idByDigest = new HashMap<>();
        keys.virtual().forEach((id, key) -> {
            String path = "keys.virtual." + id;
            if (!VirtualKey.ID.matcher(id).matches()) {
                problems.add(path + ": key ids use letters, digits, '.', '_' and '-' (at most 64)");
            }
            if (key == null) {
                problems.add(path + ": empty; give key-sha256 (or key)");
                return;
            }
            if (!KeyHash.isDigest(key.keySha256())) {
                problems.add(path + ".key-sha256: missing or not 64 hex digits; give the SHA-256 of the key "
                        + "(e.g. printf %s \"$KEY\" | sha256sum), or the key itself as key: ${ENV_VAR}");
            } else {
                String other = idByDigest.putIfAbsent(key.keySha256(), id);
                if (other != null) {
                    problems.add(path + ": the same key as keys.virtual." + other);
                }
            }
            problems.addAll(key.limitProblems(path));
        });
        KeysConfig.GlobalBudget global = keys.globalBudget();
        positive("keys.global-budget.monthly-tokens", global.monthlyTokens());
        positive("keys.global-budget.monthly-usd", global.monthlyUsd());
        if (global.limited() && !keys.enforced()) {
            problems.add("keys.global-budget: counts the spend of keys, and there are none; add keys.virtual or "
                    + "keys.admin-key (without keys the bridge is open and nothing is counted)");
        }
    }

    private void positive(String path, Number value) {
        if (value != null && value.doubleValue() <= 0) {
            problems.add(path + ": must be above 0 (leave it out for no limit)");
        }
    }
}
