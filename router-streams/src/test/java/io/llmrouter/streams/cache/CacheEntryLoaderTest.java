package io.llmrouter.streams.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
import io.llmrouter.streams.internal.cache.CacheEntryLoader;
import io.llmrouter.streams.internal.cache.CacheStores;
import io.llmrouter.streams.internal.cache.SemanticTier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The loader of the global cache store fills the semantic index once, however many loaders Kafka Streams makes. */
class CacheEntryLoaderTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);

    private final RecordingTier tier = new RecordingTier();
    private final AtomicBoolean indexFilled = new AtomicBoolean();
    private final MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
    private KeyValueStore<String, byte[]> store;

    @BeforeEach
    void storeWithTwoPrompts() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(CacheStores.ENTRIES), Serdes.String(),
                Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        store.put("k1", entry("k1", "What is Kafka?"));
        store.put("k2", entry("k2", "What is a topic?"));
    }

    @Test
    void firstLoaderFillsTheIndexFromTheStore() {
        new CacheEntryLoader(tier, CLOCK, indexFilled).init(context);

        assertThat(tier.puts).extracting(SemanticEntry::key).containsExactlyInAnyOrder("k1", "k2");
    }

    @Test
    void loaderMadeAfterTheRestoringOneDoesNotFillTheIndexAgain() {
        new CacheEntryLoader(tier, CLOCK, indexFilled).init(context);
        tier.puts.clear();

        new CacheEntryLoader(tier, CLOCK, indexFilled).init(context);

        assertThat(tier.puts).isEmpty();
    }

    @Test
    void laterLoaderStillAddsNewEntriesToTheIndex() {
        new CacheEntryLoader(tier, CLOCK, indexFilled).init(context);
        CacheEntryLoader running = new CacheEntryLoader(tier, CLOCK, indexFilled);
        running.init(context);
        tier.puts.clear();

        running.process(new Record<>("k3", entry("k3", "What is a partition?"), CLOCK.millis()));

        assertThat(tier.puts).extracting(SemanticEntry::key).containsExactly("k3");
        assertThat(store.get("k3")).isNotNull();
    }

    private static byte[] entry(String key, String prompt) {
        CacheDirective directive = new CacheDirective(key, "*", "simulator-fast", "ctx", prompt,
                VectorCodec.encode(new float[] {1f, 0f, 0f}));
        CacheEntry entry = new CacheEntry(directive, "simulator", "simulator-fast",
                WireFormat.mapper().createObjectNode().put("object", "chat.completion"), CLOCK.millis(),
                CLOCK.millis() + 3_600_000L);
        return WireFormat.toBytes(entry);
    }

    /** A semantic tier that only records what reaches it. */
    private static final class RecordingTier implements SemanticTier {
        private final List<SemanticEntry> puts = new ArrayList<>();

        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public Lookup lookup(SemanticScope scope, String prompt) {
            return new Lookup(null, Optional.empty());
        }

        @Override
        public void put(SemanticEntry entry) {
            puts.add(entry);
        }

        @Override
        public void remove(String key) {
        }
    }
}
