package io.llmrouter.streams.internal.cache;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** The caches' state stores. */
public final class CacheStores {

    /** Every cached answer, a global store fed by {@code llm.cache}: each instance holds them all. */
    public static final String ENTRIES = "cache-entries";
    /** The keeper's record of each key it owns: when it expires and when it was last used. */
    public static final String KEEPER = "cache-keeper";

    private CacheStores() {
    }

    /** The global store of answers; its topic is its changelog, so it keeps no other. */
    public static StoreBuilder<KeyValueStore<String, byte[]>> entries() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ENTRIES), Serdes.String(), Serdes.ByteArray())
                .withLoggingDisabled();
    }

    /** The keeper's store, logged so a restarted or moved keeper knows its keys. */
    public static StoreBuilder<KeyValueStore<String, byte[]>> keeper() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(KEEPER), Serdes.String(), Serdes.ByteArray())
                .withCachingEnabled();
    }
}
