package io.llmrouter.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.cache.internal.CanonicalRequest;

/**
 * The identity of a chat request for the caches.
 *
 * <p>The exact key hashes the normalized request: key order, JSON formatting, number spelling, the
 * surrounding and repeated whitespace of message text, and fields that do not change the answer
 * ({@code stream}, {@code user}, ...) make no difference; everything else does. The context hash is
 * the same without the last user message, which is what the semantic tier compares by meaning.
 *
 * @param exact       hex SHA-256 of the tenant and the normalized request
 * @param contextHash hex hash of the tenant and the normalized request without its last user message
 * @param modelGroup  the model or virtual model asked for
 * @param prompt      the normalized text of the last user message; null when the request does not end with one
 */
public record CacheKey(String exact, String contextHash, String modelGroup, String prompt) {

    public CacheKey {
        Objects.requireNonNull(exact, "exact");
        Objects.requireNonNull(contextHash, "contextHash");
        Objects.requireNonNull(modelGroup, "modelGroup");
    }

    /** The key of a chat completion body within a tenant's partition of the cache ({@code *} when shared). */
    public static CacheKey of(ObjectNode body, String tenant) {
        CanonicalRequest canonical = CanonicalRequest.of(body);
        return new CacheKey(sha256(tenant, canonical.whole()), sha256(tenant, canonical.context()),
                body.path("model").asText(""), canonical.lastUserText());
    }

    /** The semantic tier's scope of this request. */
    public SemanticScope scope(String tenant) {
        return new SemanticScope(tenant, modelGroup, contextHash);
    }

    private static String sha256(String tenant, String canonical) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(tenant.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            return HexFormat.of().formatHex(digest.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
