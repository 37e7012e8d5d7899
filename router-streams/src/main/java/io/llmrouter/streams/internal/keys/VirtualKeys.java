package io.llmrouter.streams.internal.keys;

import io.llmrouter.config.KeysConfig;
import io.llmrouter.config.QuotaConfig;
import io.llmrouter.config.VirtualKey;
import io.llmrouter.schemas.WireFormat;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The virtual keys the topology knows: those of the configuration and those created through the admin endpoint
 * (the global store {@value #DIRECTORY_STORE} over {@code llm.keys}), and which ledger scope owns each.
 */
public final class VirtualKeys {

    /** The key ledger's logged store: usage per key and of all keys, and reservations not yet settled. */
    public static final String LEDGER_STORE = "key-ledger";
    /** The global store of keys created through the admin endpoint, by key id. */
    public static final String DIRECTORY_STORE = "virtual-keys";
    /**
     * The one ledger scope when a global budget is configured: every key's requests then go to one partition, so one
     * task sees every spend and the sum is exact, at the price of one task doing all key accounting.
     */
    public static final String GLOBAL_SCOPE = "*global*";

    private final KeysConfig keys;

    public VirtualKeys(KeysConfig keys) {
        this.keys = keys;
    }

    /** True when callers need keys, so the topology has a key ledger. */
    public boolean active() {
        return keys.enforced();
    }

    /** The global budget's limits. */
    public QuotaConfig global() {
        return keys.globalBudget().limits();
    }

    /** The Kafka key of a request or usage event of this key on the ledger topics. */
    public String scopeOf(String keyId) {
        return keys.globalBudget().limited() ? GLOBAL_SCOPE : keyId;
    }

    /**
     * True when a request with this key must pass the ledger: a configured key with limits, any key under a global
     * budget, or a key created at run time (whose limits only the ledger's directory store knows).
     */
    public boolean needsLedger(String keyId) {
        if (keyId == null || !active()) {
            return false;
        }
        VirtualKey configured = keys.virtual().get(keyId);
        return configured == null || configured.limited() || keys.globalBudget().limited();
    }

    /** The key's limits: configured ones first, then the directory's; unknown keys have none. */
    public QuotaConfig limitsOf(String keyId, ReadOnlyKeyValueStore<String, byte[]> directory) {
        VirtualKey configured = keys.virtual().get(keyId);
        if (configured != null) {
            return configured.limits();
        }
        byte[] stored = directory == null ? null : directory.get(keyId);
        return stored == null ? QuotaConfig.UNLIMITED : WireFormat.fromBytes(stored, VirtualKey.class).limits();
    }

    /** The ledger's store, logged so a restarted or moved ledger continues where it was. */
    public static StoreBuilder<KeyValueStore<String, byte[]>> ledgerStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LEDGER_STORE), Serdes.String(),
                Serdes.ByteArray()).withCachingEnabled();
    }

    /** The directory store; in memory, since the compacted {@code llm.keys} restores it at start. */
    public static StoreBuilder<KeyValueStore<String, byte[]>> directoryStore() {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(DIRECTORY_STORE), Serdes.String(),
                Serdes.ByteArray()).withLoggingDisabled();
    }
}
