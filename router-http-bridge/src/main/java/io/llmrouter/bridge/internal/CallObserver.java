package io.llmrouter.bridge.internal;

import java.util.List;

/** Is told of every call the bridge takes and how each ended; metrics and stats are observers. */
public interface CallObserver {

    /** An observer that records nothing. */
    CallObserver NONE = all();

    /** A call to {@code api} came in. */
    void started(String api);

    /** A call ended: answered, refused, or given up by its caller. Called once per {@link #started}. */
    void finished(FinishedCall call);

    /** Tells every one of {@code observers}. */
    static CallObserver all(CallObserver... observers) {
        List<CallObserver> each = List.of(observers);
        return new CallObserver() {
            @Override
            public void started(String api) {
                each.forEach(observer -> observer.started(api));
            }

            @Override
            public void finished(FinishedCall call) {
                each.forEach(observer -> observer.finished(call));
            }
        };
    }
}
