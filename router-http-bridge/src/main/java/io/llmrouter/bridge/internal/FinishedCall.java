package io.llmrouter.bridge.internal;

import java.util.Optional;

import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.Priority;

/**
 * One call the bridge has answered (or whose caller went away), as metrics and stats record it.
 *
 * @param api             which endpoint: {@value ObservedCall#CHAT}, {@value ObservedCall#MESSAGES} or
 *                        {@value ObservedCall#EMBEDDINGS}
 * @param priority        the request's priority; null when the call was refused before it was read
 * @param stream          whether the answer was streamed
 * @param outcome         how it ended
 * @param provider        the provider that served it, null when none did
 * @param model           the model that served it, null when none did
 * @param error           what went wrong, for {@link CallOutcome#ERROR}
 * @param latencyNanos    from arrival to the answer
 * @param firstTokenNanos from arrival to the first streamed token; negative when none was streamed
 * @param facts           tokens, cost and cache of the reply
 * @param keyId           the id of the caller's virtual key, null without one
 */
public record FinishedCall(String api, Priority priority, boolean stream, CallOutcome outcome, String provider,
                           String model, ErrorInfo error, long latencyNanos, long firstTokenNanos, ReplyFacts facts,
                           String keyId) {

    /** A call without a virtual key. */
    public FinishedCall(String api, Priority priority, boolean stream, CallOutcome outcome, String provider,
                        String model, ErrorInfo error, long latencyNanos, long firstTokenNanos, ReplyFacts facts) {
        this(api, priority, stream, outcome, provider, model, error, latencyNanos, firstTokenNanos, facts, null);
    }

    /** Whose fault the error was, for an error. */
    public Optional<ErrorCause> cause() {
        return error == null ? Optional.empty() : Optional.of(ErrorCause.of(error, provider));
    }
}
