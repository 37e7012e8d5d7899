package io.llmrouter.workers.internal;

import java.util.function.BooleanSupplier;

/**
 * Wakes a worker's polling loop when a call ends, but only while fetched work waits for a free slot.
 *
 * <p>A wake-up costs the loop a thread switch and an aborted poll; with nothing waiting, the next poll
 * returns on new records anyway, so a wake-up after every call would only add CPU on the request path.
 * The loop raises the flag and then looks at the slots again ({@link #awaitSlot}), so a call that ended
 * before the flag went up cannot leave a record waiting for the poll timeout.
 */
public final class FreeSlotSignal {

    private final Runnable wake;
    private volatile boolean awaited;

    public FreeSlotSignal(Runnable wake) {
        this.wake = wake;
    }

    /**
     * Called by the loop after starting what it could: {@code start} starts waiting work while slots are
     * free and tells whether work still waits.
     */
    public void awaitSlot(BooleanSupplier start) {
        if (!start.getAsBoolean()) {
            awaited = false;
            return;
        }
        awaited = true;
        // A call may have ended between the start and the flag: its thread saw no flag and did not wake us.
        awaited = start.getAsBoolean();
    }

    /** Called when a call ends, on the thread that ended it. */
    public void callEnded() {
        if (awaited) {
            wake.run();
        }
    }
}
