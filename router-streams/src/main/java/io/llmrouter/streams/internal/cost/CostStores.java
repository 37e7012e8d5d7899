package io.llmrouter.streams.internal.cost;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/** The window stores of the cost aggregates: one per {@link CostWindow}, logged, keyed by dimension and group. */
public final class CostStores {

    private CostStores() {
    }

    /** The store of one window kind; its values are {@link CostTotals} in their 40-byte form. */
    public static StoreBuilder<WindowStore<String, byte[]>> of(CostWindow window) {
        return Stores.windowStoreBuilder(
                Stores.persistentWindowStore(window.storeName(), window.retention(), window.size(), false),
                Serdes.String(), Serdes.ByteArray()).withCachingEnabled();
    }
}
