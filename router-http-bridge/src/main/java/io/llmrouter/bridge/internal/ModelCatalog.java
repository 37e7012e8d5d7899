package io.llmrouter.bridge.internal;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The newest discovered model list of each provider, as read from the model topic; safe to use from any thread.
 *
 * <p>The newest record wins even when it reports a failed fetch: the list then reads as empty, as it
 * would after a restart, when the compacted topic holds only that record.
 */
public final class ModelCatalog {

    private final ConcurrentMap<String, DiscoveredModels> latest = new ConcurrentHashMap<>();

    /** Records a provider's newest list. */
    public void update(String provider, DiscoveredModels list) {
        latest.put(provider, list);
    }

    /** Forgets a provider, as a tombstone on the compacted topic asks. */
    public void remove(String provider) {
        latest.remove(provider);
    }

    /** The newest list of a provider, if any was read. */
    public Optional<DiscoveredModels> latest(String provider) {
        return Optional.ofNullable(latest.get(provider));
    }

    /** The model ids discovered for a provider; empty when none was read or the last fetch failed. */
    public List<String> models(String provider) {
        return latest(provider).map(DiscoveredModels::models).orElse(List.of());
    }
}
