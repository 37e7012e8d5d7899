package io.llmrouter.streams.internal.cache;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

import io.llmrouter.schemas.CacheEvent;
import io.llmrouter.schemas.Topics;
import io.llmrouter.schemas.WireFormat;
import io.llmrouter.streams.CacheStats;
import io.llmrouter.streams.internal.Outbound;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner of each cache key (its events are partitioned by key): publishes fills to {@code llm.cache},
 * and removes answers from every instance, with a tombstone, when their time to live runs out or when its
 * partition holds more than its share of the maximum entries (least recently used first).
 */
public final class CacheKeeper implements Processor<String, byte[], String, Outbound> {

    private static final Logger LOG = LoggerFactory.getLogger(CacheKeeper.class);
    private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(10);

    private final int maxEntries;
    private final CacheStats stats;
    private final Clock clock;
    private final Map<String, Usage> usage = new HashMap<>();
    private final TreeSet<Usage> byLastUse = new TreeSet<>();
    private ProcessorContext<String, Outbound> context;
    private KeyValueStore<String, byte[]> store;

    /**
     * @param maxEntries the most answers this partition keeps: its share of the configured maximum
     */
    public CacheKeeper(int maxEntries, CacheStats stats, Clock clock) {
        this.maxEntries = maxEntries;
        this.stats = stats;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, Outbound> context) {
        this.context = context;
        this.store = context.getStateStore(CacheStores.KEEPER);
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> entry = all.next();
                track(Usage.decode(entry.key, entry.value));
            }
        }
        context.schedule(SWEEP_INTERVAL, PunctuationType.WALL_CLOCK_TIME, timestamp -> sweep(clock.millis()));
    }

    @Override
    public void process(Record<String, byte[]> record) {
        CacheEvent event;
        try {
            event = WireFormat.fromBytes(record.value(), CacheEvent.class);
        } catch (RuntimeException e) {
            LOG.warn("Skipping an unreadable cache event for key {}", record.key(), e);
            return;
        }
        if (event.type() == CacheEvent.Type.FILL) {
            fill(record, event);
        } else {
            Usage known = usage.get(event.key());
            if (known != null && event.at() > known.lastUsed()) {
                remember(new Usage(event.key(), event.at(), known.expiresAt()));
            }
        }
    }

    private void fill(Record<String, byte[]> record, CacheEvent event) {
        long now = clock.millis();
        if (event.entry().isExpired(now)) {
            return;
        }
        remember(new Usage(event.key(), Math.max(event.at(), now), event.entry().expiresAt()));
        context.forward(record.withKey(event.key()).withValue(Outbound.of(Topics.CACHE, event.entry())));
        while (usage.size() > maxEntries) {
            remove(byLastUse.first());
            stats.countEvicted();
        }
    }

    /** Removes every answer whose time to live has run out. */
    void sweep(long now) {
        usage.values().stream().filter(u -> u.expiresAt() <= now).toList().forEach(expired -> {
            remove(expired);
            stats.countExpired();
        });
    }

    private void remember(Usage next) {
        Usage previous = usage.get(next.key());
        if (previous != null) {
            byLastUse.remove(previous);
        }
        track(next);
        store.put(next.key(), next.encode());
    }

    private void track(Usage next) {
        usage.put(next.key(), next);
        byLastUse.add(next);
    }

    private void remove(Usage gone) {
        usage.remove(gone.key());
        byLastUse.remove(gone);
        store.delete(gone.key());
        context.forward(new Record<>(gone.key(), new Outbound(Topics.CACHE, null), clock.millis()));
    }

    /** When a key was last used and when it expires; ordered by last use, then key. */
    private record Usage(String key, long lastUsed, long expiresAt) implements Comparable<Usage> {

        static Usage decode(String key, byte[] value) {
            ByteBuffer buffer = ByteBuffer.wrap(value);
            return new Usage(key, buffer.getLong(), buffer.getLong());
        }

        byte[] encode() {
            return ByteBuffer.allocate(2 * Long.BYTES).putLong(lastUsed).putLong(expiresAt).array();
        }

        @Override
        public int compareTo(Usage other) {
            int byTime = Long.compare(lastUsed, other.lastUsed);
            return byTime != 0 ? byTime : key.compareTo(other.key);
        }
    }
}
