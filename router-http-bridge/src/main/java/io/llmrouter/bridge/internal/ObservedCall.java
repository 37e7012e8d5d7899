package io.llmrouter.bridge.internal;

import java.util.concurrent.atomic.AtomicBoolean;

import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.LlmReply;
import io.llmrouter.schemas.Priority;

/**
 * One call from arrival to its end, told to a {@link CallObserver}: exactly one {@code finished} per call,
 * whichever of answer, refusal or hang-up comes first.
 */
public final class ObservedCall {

    /** The api label of {@code POST /v1/chat/completions}. */
    public static final String CHAT = "chat_completions";
    /** The api label of {@code POST /v1/messages}. */
    public static final String MESSAGES = "messages";
    /** The api label of {@code POST /v1/embeddings}, answered by the bridge's local model. */
    public static final String EMBEDDINGS = "embeddings";

    private final CallObserver observer;
    private final String api;
    private final long startedNanos;
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile Priority priority;
    private volatile boolean stream;
    private volatile long firstTokenNanos = -1;
    private volatile String keyId;

    private ObservedCall(CallObserver observer, String api, long startedNanos) {
        this.observer = observer;
        this.api = api;
        this.startedNanos = startedNanos;
    }

    /** Tells the observer a call came in at {@code startedNanos} (by {@link System#nanoTime()}). */
    public static ObservedCall start(CallObserver observer, String api, long startedNanos) {
        observer.started(api);
        return new ObservedCall(observer, api, startedNanos);
    }

    /** Records what the request asked for, once it is read. */
    public void describe(Priority priority, boolean stream) {
        this.priority = priority;
        this.stream = stream;
    }

    /** Records what the request asked for and the id of the caller's virtual key (null without one). */
    public void describe(Priority priority, boolean stream, String keyId) {
        describe(priority, stream);
        this.keyId = keyId;
    }

    /** Records that the first token went to the caller; later calls change nothing. */
    public void firstToken() {
        if (firstTokenNanos < 0) {
            firstTokenNanos = Math.max(0, System.nanoTime() - startedNanos);
        }
    }

    /** Ends the call with its terminal reply. */
    public void answered(LlmReply reply) {
        CallOutcome outcome = reply.isOk() ? CallOutcome.OK : CallOutcome.ERROR;
        end(outcome, reply.provider(), reply.model(), reply.error(), ReplyFacts.of(reply));
    }

    /** Ends a call the bridge answered itself, e.g. embeddings from its local model. */
    public void served(String provider, String model, ReplyFacts facts) {
        end(CallOutcome.OK, provider, model, null, facts);
    }

    /** Ends the call with an error of the bridge's own, e.g. a body it could not read. */
    public void refused(ErrorInfo error) {
        end(CallOutcome.ERROR, null, null, error, ReplyFacts.NONE);
    }

    /** Ends the call whose caller went away. */
    public void abandoned() {
        end(CallOutcome.CANCELLED, null, null, null, ReplyFacts.NONE);
    }

    private void end(CallOutcome outcome, String provider, String model, ErrorInfo error, ReplyFacts facts) {
        if (finished.compareAndSet(false, true)) {
            observer.finished(new FinishedCall(api, priority, stream, outcome, provider, model, error,
                    Math.max(0, System.nanoTime() - startedNanos), firstTokenNanos, facts, keyId));
        }
    }
}
