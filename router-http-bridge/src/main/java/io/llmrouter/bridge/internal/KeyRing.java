package io.llmrouter.bridge.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.llmrouter.config.KeyHash;
import io.llmrouter.config.KeysConfig;
import io.llmrouter.config.VirtualKey;

/**
 * The virtual keys this bridge accepts: those of the configuration and those created through the admin endpoint (read
 * from {@code llm.keys}). Only SHA-256 digests are held; a presented key is hashed and compared with every digest in
 * constant time, so neither a key nor how close a guess came can be learnt from the time an answer takes.
 */
public final class KeyRing {

    /** A key the caller presented and the ring knows. */
    public record Caller(String id, VirtualKey key) {
    }

    private final KeysConfig config;
    private final Map<String, VirtualKey> created = new ConcurrentHashMap<>();

    public KeyRing(KeysConfig config) {
        this.config = config;
    }

    /** True when callers must present a key; false in development mode (no key and no admin key configured). */
    public boolean enforced() {
        return config.enforced();
    }

    /** The caller of a presented key, or empty when no key matches. */
    public Optional<Caller> find(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        String digest = KeyHash.sha256Hex(presented);
        Caller found = null;
        // Every digest is compared, whatever matched before, so the time taken says nothing about which one matched.
        for (Map.Entry<String, VirtualKey> entry : all().entrySet()) {
            if (KeyHash.sameDigest(digest, entry.getValue().keySha256()) && found == null) {
                found = new Caller(entry.getKey(), entry.getValue());
            }
        }
        return Optional.ofNullable(found);
    }

    /** True when the presented key is the admin key (compared as digests, in constant time). */
    public boolean isAdmin(String presented) {
        return !config.adminKey().isEmpty() && presented != null
                && KeyHash.sameDigest(KeyHash.sha256Hex(presented), KeyHash.sha256Hex(config.adminKey().reveal()));
    }

    /** True when the admin endpoint is on. */
    public boolean adminEnabled() {
        return !config.adminKey().isEmpty();
    }

    /** Every key by id: configured ones first; a created key never replaces a configured one of the same id. */
    public Map<String, VirtualKey> all() {
        Map<String, VirtualKey> all = new LinkedHashMap<>(config.virtual());
        created.forEach(all::putIfAbsent);
        return all;
    }

    /** True when the id belongs to the configuration (such keys cannot be replaced or revoked at run time). */
    public boolean configured(String id) {
        return config.virtual().containsKey(id);
    }

    /** Takes a key created through the admin endpoint (by this or another bridge). */
    public void put(String id, VirtualKey key) {
        created.put(id, key);
    }

    /** Forgets a revoked key. */
    public void remove(String id) {
        created.remove(id);
    }
}
