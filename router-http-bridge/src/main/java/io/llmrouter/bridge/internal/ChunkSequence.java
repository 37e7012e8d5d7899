package io.llmrouter.bridge.internal;

/**
 * Which chunks of one stream may still be written: each sequence number once, never going back.
 *
 * <p>A stream's chunks share a key, so they arrive in order on one partition; a number at or behind the
 * stream's position can only be a redelivery, and writing it would repeat or scramble text the caller has.
 * A number ahead of the position is written: the missing chunks are lost, and waiting for them would stall.
 */
public final class ChunkSequence {

    private int next;

    /** True when the chunk with this number is to be written; false for a duplicate or one that came too late. */
    public boolean admit(int sequence) {
        if (sequence < next) {
            return false;
        }
        next = sequence + 1;
        return true;
    }

    /** The number the stream expects next. */
    public int expected() {
        return next;
    }
}
