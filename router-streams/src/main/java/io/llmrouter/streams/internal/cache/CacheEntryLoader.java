package io.llmrouter.streams.internal.cache;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import io.llmrouter.cache.SemanticEntry;
import io.llmrouter.cache.SemanticScope;
import io.llmrouter.cache.VectorCodec;
import io.llmrouter.schemas.CacheDirective;
import io.llmrouter.schemas.CacheEntry;
import io.llmrouter.schemas.WireFormat;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this instance's copy of every cached answer: the global store, and the semantic index beside it.
 * The index lives in memory, so it is rebuilt from the store when the instance starts, in the background.
 */
public final class CacheEntryLoader implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(CacheEntryLoader.class);

    private final SemanticTier semantic;
    private final Clock clock;
    private final AtomicBoolean indexFilled;
    private KeyValueStore<String, byte[]> entries;

    /**
     * @param indexFilled shared by every loader of one topology: whether one of them has filled the index already
     */
    public CacheEntryLoader(SemanticTier semantic, Clock clock, AtomicBoolean indexFilled) {
        this.semantic = semantic;
        this.clock = clock;
        this.indexFilled = indexFilled;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        entries = context.getStateStore(CacheStores.ENTRIES);
        // Kafka Streams makes one loader to restore the global store, which gets every restored record, and then
        // another to run it. The first fills the index from the store; after that, process() keeps it current.
        // Filling it again would insert every prompt a second time, and an insert is the index's dearest step.
        if (!semantic.enabled() || indexFilled.getAndSet(true)) {
            return;
        }
        long now = clock.millis();
        List<SemanticEntry> stored = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = entries.all()) {
            while (all.hasNext()) {
                semanticEntry(all.next().value, now).ifPresent(stored::add);
            }
        }
        LOG.info("Filling the semantic index with the {} prompts of the local store; those restored from the cache"
                + " topic follow", stored.size());
        semantic.putInBackground(stored);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            entries.delete(record.key());
            semantic.remove(record.key());
            return;
        }
        entries.put(record.key(), record.value());
        if (semantic.enabled()) {
            semanticEntry(record.value(), clock.millis()).ifPresent(semantic::put);
        }
    }

    private static Optional<SemanticEntry> semanticEntry(byte[] value, long now) {
        try {
            CacheEntry entry = WireFormat.fromBytes(value, CacheEntry.class);
            CacheDirective directive = entry.directive();
            if (entry.isExpired(now) || directive.prompt() == null || directive.vector() == null) {
                return Optional.empty();
            }
            return Optional.of(new SemanticEntry(directive.key(),
                    new SemanticScope(directive.tenant(), directive.modelGroup(), directive.contextHash()),
                    directive.prompt(), VectorCodec.decode(directive.vector()), entry.expiresAt()));
        } catch (RuntimeException e) {
            LOG.warn("Skipping an unreadable cache entry", e);
            return Optional.empty();
        }
    }
}
