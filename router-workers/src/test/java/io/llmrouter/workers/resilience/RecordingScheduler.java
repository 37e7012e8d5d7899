package io.llmrouter.workers.resilience;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** A real scheduler that notes every delay it is asked for, in milliseconds, and runs the task at once. */
final class RecordingScheduler extends ScheduledThreadPoolExecutor {

    private final List<Long> delaysMs = new CopyOnWriteArrayList<>();

    RecordingScheduler() {
        super(1);
    }

    /** The delays asked for so far, in order. */
    List<Long> delaysMs() {
        return delaysMs;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        delaysMs.add(unit.toMillis(delay));
        return super.schedule(command, 0, TimeUnit.MILLISECONDS);
    }
}
