package io.llmrouter.workers.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Tracks which records of each partition are finished, for commits that say exactly what is done.
 *
 * <p>Kafka stores one offset per partition: the first record not yet finished. Records finished
 * beyond it (a fast call that overtook a slow one) are listed in the commit's metadata, so that the
 * transaction carrying their replies also records them as done, and whoever owns the partition next
 * skips them instead of answering them twice. Shared by the consumer thread (which starts and forgets
 * records) and the {@link TransactionCommitter} (which finishes them and drains what to commit).
 */
public final class OffsetTracker {

    private static final String DONE_PREFIX = "done:";

    private final Map<TopicPartition, TreeMap<Long, Boolean>> partitions = new HashMap<>();
    private final Set<TopicPartition> changed = new HashSet<>();

    /** A record was taken from Kafka. */
    public synchronized void started(TopicPartition partition, long offset) {
        partitions.computeIfAbsent(partition, p -> new TreeMap<>()).put(offset, Boolean.FALSE);
    }

    /**
     * A record's outcome is being written (or it was done already).
     *
     * @return false when the record is not tracked, as after its partition was forgotten
     */
    public synchronized boolean finished(TopicPartition partition, long offset) {
        TreeMap<Long, Boolean> offsets = partitions.get(partition);
        if (offsets != null && offsets.containsKey(offset)) {
            offsets.put(offset, Boolean.TRUE);
            changed.add(partition);
            return true;
        }
        return false;
    }

    /** Drops a partition this consumer no longer owns. */
    public synchronized void forget(TopicPartition partition) {
        partitions.remove(partition);
        changed.remove(partition);
    }

    /** True when some partition has finished records not yet committed. */
    public synchronized boolean hasChanges() {
        return !changed.isEmpty();
    }

    /** Records taken and not yet finished, over all partitions. */
    public synchronized int inFlight() {
        int count = 0;
        for (TreeMap<Long, Boolean> offsets : partitions.values()) {
            for (Boolean done : offsets.values()) {
                count += done ? 0 : 1;
            }
        }
        return count;
    }

    /**
     * What to commit now for every partition whose finished records changed: the first unfinished
     * offset, with the finished offsets beyond it in the metadata. The finished prefix is forgotten.
     */
    public synchronized Map<TopicPartition, OffsetAndMetadata> drainCommittable() {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        for (TopicPartition partition : changed) {
            TreeMap<Long, Boolean> offsets = partitions.get(partition);
            long next = -1;
            while (!offsets.isEmpty() && offsets.firstEntry().getValue()) {
                next = offsets.pollFirstEntry().getKey() + 1;
            }
            long base = offsets.isEmpty() ? next : offsets.firstKey();
            StringJoiner done = new StringJoiner(",", DONE_PREFIX, "");
            done.setEmptyValue("");
            offsets.forEach((offset, finished) -> {
                if (finished) {
                    done.add(String.valueOf(offset - base));
                }
            });
            commits.put(partition, new OffsetAndMetadata(base, done.toString()));
        }
        changed.clear();
        return commits;
    }

    /** The offsets a commit's metadata lists as finished beyond its offset. */
    public static Set<Long> finishedBeyond(OffsetAndMetadata committed) {
        Set<Long> done = new HashSet<>();
        if (committed == null || committed.metadata() == null || !committed.metadata().startsWith(DONE_PREFIX)) {
            return done;
        }
        String list = committed.metadata().substring(DONE_PREFIX.length());
        if (!list.isEmpty()) {
            for (String delta : list.split(",")) {
                done.add(committed.offset() + Long.parseLong(delta));
            }
        }
        return done;
    }
}
