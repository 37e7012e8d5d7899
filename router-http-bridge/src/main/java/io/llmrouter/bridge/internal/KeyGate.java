package io.llmrouter.bridge.internal;

import java.util.Optional;

import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.Priority;
import io.vertx.core.http.HttpServerRequest;

/**
 * Checks the virtual key of a model call: {@code Authorization: Bearer <key>} or {@code x-api-key: <key>}. A missing
 * or unknown key is a 401, a model the key may not use a 403; the priority is lowered to the key's ceiling. In
 * development mode (no keys configured) every call passes without a key.
 */
public final class KeyGate {

    /** Lets every call through: development mode. */
    public static final KeyGate OPEN = new KeyGate(null);

    private final KeyRing ring;

    public KeyGate(KeyRing ring) {
        this.ring = ring;
    }

    /**
     * What a call may do.
     *
     * @param keyId    the key's id, null in development mode
     * @param priority the priority it runs at
     */
    public record Admission(String keyId, Priority priority) {
    }

    /** The caller's key; a 401 when keys are required and it is missing or unknown. */
    public Optional<KeyRing.Caller> authenticate(HttpServerRequest http) {
        if (ring == null || !ring.enforced()) {
            return Optional.empty();
        }
        String presented = presentedKey(http);
        if (presented == null) {
            throw new ChatRequestCheck.InvalidRequest(new ErrorInfo(401, "invalid_request_error", "invalid_api_key",
                    "No API key provided: send it as 'Authorization: Bearer <key>' or 'x-api-key: <key>'", null));
        }
        return Optional.of(ring.find(presented).orElseThrow(() -> new ChatRequestCheck.InvalidRequest(
                new ErrorInfo(401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided", null))));
    }

    /** Checks the model against what the key allows and clamps the priority. */
    public static Admission admit(Optional<KeyRing.Caller> caller, String model, Priority priority) {
        if (caller.isEmpty()) {
            return new Admission(null, priority);
        }
        KeyRing.Caller known = caller.get();
        if (!known.key().allows(model)) {
            throw new ChatRequestCheck.InvalidRequest(new ErrorInfo(403, "permission_error", "model_not_allowed",
                    "The API key '" + known.id() + "' may not use the model '" + model + "'; it may use "
                            + String.join(", ", known.key().allowedModels()), "model"));
        }
        return new Admission(known.id(), known.key().clamp(priority));
    }

    /** The key in {@code Authorization: Bearer} or, failing that, {@code x-api-key}; null when neither is there. */
    static String presentedKey(HttpServerRequest http) {
        String authorization = http.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && !authorization.substring(7).isBlank()) {
            return authorization.substring(7).trim();
        }
        String apiKey = http.getHeader("x-api-key");
        return apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
    }
}
