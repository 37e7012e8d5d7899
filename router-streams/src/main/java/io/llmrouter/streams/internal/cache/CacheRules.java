package io.llmrouter.streams.internal.cache;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmrouter.config.CacheSettings;
import io.llmrouter.schemas.LlmRequest;

/** Which requests the caches may answer and fill, and whose partition of the cache they use. */
public final class CacheRules {

    /** The tenant of the shared cache. */
    public static final String SHARED = "*";
    private static final String ANONYMOUS = "anonymous";

    private final CacheSettings settings;

    public CacheRules(CacheSettings settings) {
        this.settings = settings;
    }

    /**
     * True when the answer is deterministic enough to reuse and the caller did not opt out: temperature at or
     * below the limit and one choice. Requests already tried somewhere were looked up on their first pass.
     */
    public boolean isCacheable(LlmRequest request) {
        if (!settings.enabled() || Boolean.TRUE.equals(request.hints().noCache()) || !request.attempts().isEmpty()) {
            return false;
        }
        JsonNode body = request.body();
        JsonNode temperature = body.get("temperature");
        double effective = temperature != null && temperature.isNumber() ? temperature.asDouble()
                : settings.absentTemperature();
        JsonNode n = body.get("n");
        boolean oneChoice = n == null || n.isNull() || (n.isNumber() && n.asInt() == 1);
        return effective <= settings.maxTemperature() && oneChoice;
    }

    /** The partition of the cache a request reads and fills. */
    public String tenant(LlmRequest request) {
        if (settings.scope() == CacheSettings.Scope.SHARED) {
            return SHARED;
        }
        String key = request.hints().apiKeyId();
        return key == null || key.isBlank() ? ANONYMOUS : key;
    }

    /** The semantic threshold of a model group. */
    public double threshold(String modelGroup) {
        return settings.semantic().thresholdFor(modelGroup);
    }

    /** How long a filled answer may be served. */
    public long ttlMs() {
        return settings.ttlMs();
    }
}
