package io.llmrouter.streams.internal.routing;

import io.llmrouter.schemas.HealthEvent;
import io.llmrouter.schemas.WireFormat;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the latest health event per deployment in the global store {@code health} and feeds the
 * {@link HealthBoard} beside it; at start the board is filled from what the store restored.
 */
public final class HealthLoader implements Processor<String, byte[], Void, Void> {

    /** The global store of the latest health event per deployment key. */
    public static final String STORE = "health";
    private static final Logger LOG = LoggerFactory.getLogger(HealthLoader.class);

    private final HealthBoard board;
    private KeyValueStore<String, byte[]> store;

    public HealthLoader(HealthBoard board) {
        this.board = board;
    }

    /** The global store; in memory, since {@code llm.health} is its changelog and restores it at start. */
    public static StoreBuilder<KeyValueStore<String, byte[]>> store() {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.String(), Serdes.ByteArray())
                .withLoggingDisabled();
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(STORE);
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            all.forEachRemaining(entry -> read(entry.value));
        }
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        if (read(record.value())) {
            store.put(record.key(), record.value());
        }
    }

    private boolean read(byte[] value) {
        try {
            board.report(WireFormat.fromBytes(value, HealthEvent.class));
            return true;
        } catch (RuntimeException e) {
            LOG.warn("Skipping an unreadable health event", e);
            return false;
        }
    }
}
