package io.llmrouter.workers.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Tracks which records of each partition are finished, so that only a contiguous finished prefix
 * is committed: a record still in flight is never skipped over by a commit, so a crash re-delivers it.
 * Used by the consumer thread only.
 */
public final class OffsetTracker {

    private final Map<TopicPartition, TreeMap<Long, Boolean>> partitions = new HashMap<>();

    /** A record was handed to an upstream call. */
    public void started(TopicPartition partition, long offset) {
        partitions.computeIfAbsent(partition, p -> new TreeMap<>()).put(offset, Boolean.FALSE);
    }

    /** A record's reply was written. */
    public void finished(TopicPartition partition, long offset) {
        TreeMap<Long, Boolean> offsets = partitions.get(partition);
        if (offsets != null && offsets.containsKey(offset)) {
            offsets.put(offset, Boolean.TRUE);
        }
    }

    /** Drops a partition this consumer no longer owns. */
    public void forget(TopicPartition partition) {
        partitions.remove(partition);
    }

    /** Records started and not yet finished, over all partitions. */
    public int inFlight() {
        int count = 0;
        for (TreeMap<Long, Boolean> offsets : partitions.values()) {
            for (Boolean done : offsets.values()) {
                count += done ? 0 : 1;
            }
        }
        return count;
    }

    /** The offsets to commit now, removing the finished prefix they cover. */
    public Map<TopicPartition, OffsetAndMetadata> drainCommittable() {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        partitions.forEach((partition, offsets) -> {
            Long next = null;
            while (!offsets.isEmpty() && offsets.firstEntry().getValue()) {
                next = offsets.pollFirstEntry().getKey() + 1;
            }
            if (next != null) {
                commits.put(partition, new OffsetAndMetadata(next));
            }
        });
        return commits;
    }
}
