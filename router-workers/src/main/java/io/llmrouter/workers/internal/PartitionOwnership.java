package io.llmrouter.workers.internal;

import org.apache.kafka.common.TopicPartition;

/**
 * This worker's hold on one partition, from its assignment until it gives the partition up.
 *
 * <p>A partition assigned again later gets a new ownership, so an outcome of a call started under the old one
 * (and abandoned when the partition moved) can never be written with the new owner's offsets. The state
 * changes only under the {@link TransactionCommitter}'s lock.
 */
public final class PartitionOwnership {

    /** Where the hold stands. */
    enum State {
        /** Outcomes are accepted and committed. */
        OWNED,
        /** Being given up: outcomes handed over before are committed, later ones dropped. */
        DRAINING,
        /** Given up: nothing more is written for it; the next owner serves what is left. */
        RELEASED
    }

    private final TopicPartition partition;
    private volatile State state = State.OWNED;

    public PartitionOwnership(TopicPartition partition) {
        this.partition = partition;
    }

    /** The partition held. */
    public TopicPartition partition() {
        return partition;
    }

    State state() {
        return state;
    }

    void moveTo(State next) {
        state = next;
    }

    @Override
    public String toString() {
        return partition + " (" + state + ")";
    }
}
