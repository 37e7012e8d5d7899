package io.llmrouter.workers.internal;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.ToLongFunction;

import io.llmrouter.schemas.Priority;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Work fetched but not started yet, most urgent first, and the rule for which partitions to fetch.
 *
 * <p>A partition is paused while more urgent work waits (in this backlog, or as lag on a more urgent
 * partition), so low-priority records never crowd out a critical one; and, once the backlog holds a
 * pool's worth, only partitions more urgent than everything queued keep fetching, so a critical
 * request can still overtake a queue full of low ones. Used by the consumer thread only.
 */
public final class PriorityBacklog {

    private record Entry(ConsumerRecord<String, byte[]> record, int rank, long arrival) {
    }

    private final PriorityQueue<Entry> queue = new PriorityQueue<>(
            Comparator.comparingInt(Entry::rank).thenComparingLong(Entry::arrival));
    private final int capacity;
    private long arrivals;

    public PriorityBacklog(int capacity) {
        this.capacity = capacity;
    }

    /** The priority of a work topic, from its {@code .<priority>} suffix. */
    public static Priority priorityOf(String topic) {
        return Priority.parse(topic.substring(topic.lastIndexOf('.') + 1));
    }

    /** Queues a fetched record. */
    public void add(ConsumerRecord<String, byte[]> record) {
        queue.add(new Entry(record, priorityOf(record.topic()).ordinal(), arrivals++));
    }

    /** The most urgent record, or null. */
    public ConsumerRecord<String, byte[]> next() {
        Entry entry = queue.poll();
        return entry == null ? null : entry.record();
    }

    /** Records queued. */
    public int size() {
        return queue.size();
    }

    /** Drops the records of partitions this worker no longer owns; the new owner fetches them again. */
    public void forget(Collection<TopicPartition> partitions) {
        queue.removeIf(e -> partitions.contains(new TopicPartition(e.record().topic(), e.record().partition())));
    }

    /** The partitions to pause now; every other assigned partition should fetch. */
    public Set<TopicPartition> toPause(Collection<TopicPartition> assigned, ToLongFunction<TopicPartition> lag) {
        int mostUrgentWaiting = Priority.values().length;
        int leastUrgentQueued = -1;
        for (Entry entry : queue) {
            mostUrgentWaiting = Math.min(mostUrgentWaiting, entry.rank());
            leastUrgentQueued = Math.max(leastUrgentQueued, entry.rank());
        }
        for (TopicPartition partition : assigned) {
            if (lag.applyAsLong(partition) > 0) {
                mostUrgentWaiting = Math.min(mostUrgentWaiting, rank(partition));
            }
        }
        Set<TopicPartition> paused = new HashSet<>();
        for (TopicPartition partition : assigned) {
            int rank = rank(partition);
            boolean moreUrgentWaits = rank > mostUrgentWaiting;
            boolean full = queue.size() >= capacity && rank >= leastUrgentQueued || queue.size() >= 2 * capacity;
            if (moreUrgentWaits || full) {
                paused.add(partition);
            }
        }
        return paused;
    }

    private static int rank(TopicPartition partition) {
        return priorityOf(partition.topic()).ordinal();
    }
}
