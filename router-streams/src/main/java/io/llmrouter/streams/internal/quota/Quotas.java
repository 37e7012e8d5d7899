package io.llmrouter.streams.internal.quota;

import io.llmrouter.config.ModelConfig;
import io.llmrouter.config.ProviderConfig;
import io.llmrouter.config.QuotaConfig;
import io.llmrouter.config.RouterConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** The configured quotas, looked up by provider and model, and the ledger's store. */
public final class Quotas {

    /** The ledger's store: a {@link QuotaState} per scope and a {@link Reservation} per request not yet settled. */
    public static final String STORE = "quota-ledger";

    private final RouterConfig config;

    public Quotas(RouterConfig config) {
        this.config = config;
    }

    /** True when any provider or model has a limit; without one the topology has no ledger. */
    public boolean any() {
        return config.providers().values().stream().anyMatch(p -> p.quota().limited()
                || p.models().values().stream().anyMatch(m -> m.quota().limited()));
    }

    /** True when the provider, or this model of it, has a limit. */
    public boolean limits(String provider, String model) {
        return ofProvider(provider).limited() || ofModel(provider, model).limited();
    }

    /** The provider's own quota. */
    public QuotaConfig ofProvider(String provider) {
        ProviderConfig p = config.providers().get(provider);
        return p == null ? QuotaConfig.UNLIMITED : p.quota();
    }

    /** The model's own quota at the provider. */
    public QuotaConfig ofModel(String provider, String model) {
        ProviderConfig p = config.providers().get(provider);
        ModelConfig m = p == null ? null : p.models().get(model);
        return m == null ? QuotaConfig.UNLIMITED : m.quota();
    }

    /** The ledger's store, logged so a restarted or moved ledger continues where it was. */
    public static StoreBuilder<KeyValueStore<String, byte[]>> store() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.ByteArray())
                .withCachingEnabled();
    }
}
