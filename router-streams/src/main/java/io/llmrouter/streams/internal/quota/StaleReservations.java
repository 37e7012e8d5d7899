package io.llmrouter.streams.internal.quota;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Drops the reservations of a ledger's store that nobody settled in time (the call failed, or its usage was lost):
 * their estimate stays charged, and the store does not grow for ever. Shared by the quota and key ledgers.
 */
public final class StaleReservations {

    /** How long a reservation waits for the usage event that settles it. */
    public static final Duration TTL = Duration.ofMinutes(15);

    private StaleReservations() {
    }

    /**
     * Deletes every entry under {@code prefix} reserved before {@code now} less {@link #TTL}.
     *
     * @param reservedAt reads a stored reservation's epoch milliseconds
     */
    public static void drop(KeyValueStore<String, byte[]> store, String prefix, long now,
                            ToLongFunction<byte[]> reservedAt) {
        long oldest = now - TTL.toMillis();
        List<String> stale = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = store.prefixScan(prefix, new StringSerializer())) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> next = all.next();
                if (reservedAt.applyAsLong(next.value) < oldest) {
                    stale.add(next.key);
                }
            }
        }
        stale.forEach(store::delete);
    }
}
