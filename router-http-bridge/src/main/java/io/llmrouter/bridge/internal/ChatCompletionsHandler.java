package io.llmrouter.bridge.internal;

import java.time.Clock;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /v1/chat/completions}: turns the call into a request record and answers with its reply,
 * or, for {@code stream: true}, with its chunks as server-sent events.
 */
public final class ChatCompletionsHandler implements Handler<RoutingContext> {

    private final Vertx vertx;
    private final PendingReplies pending;
    private final long timeoutMs;
    private final CallObserver observer;
    private final CallDispatch dispatch;
    private final KeyGate gate;

    public ChatCompletionsHandler(Vertx vertx, PendingReplies pending, RequestPublisher publisher,
                                  String replyTopic, long timeoutMs, Clock clock, CallObserver observer, KeyGate gate) {
        this.gate = gate;
        this.vertx = vertx;
        this.pending = pending;
        this.timeoutMs = timeoutMs;
        this.observer = observer;
        this.dispatch = new CallDispatch(vertx, pending, publisher, replyTopic, clock);
    }

    @Override
    public void handle(RoutingContext ctx) {
        long startedNanos = System.nanoTime();
        HttpServerResponse response = ctx.response();
        ObservedCall call = ObservedCall.start(observer, ObservedCall.CHAT, startedNanos);
        CallDispatch.Admitted admitted;
        try {
            admitted = CallDispatch.admit(gate, ctx, ChatRequestCheck::parse, timeoutMs);
        } catch (ChatRequestCheck.InvalidRequest e) {
            call.refused(e.error());
            OpenAiResponses.error(response, e.error());
            return;
        }
        ObjectNode body = admitted.body();
        call.describe(admitted.priority(), admitted.stream(), admitted.keyId());
        String requestId = "req-" + UUID.randomUUID();
        boolean waiting = admitted.stream()
                ? awaitStream(response, requestId, body, startedNanos, admitted.waitMs(), call)
                : dispatch.awaitReply(response, requestId, call, admitted.waitMs(),
                        answer -> OpenAiResponses.reply(response, requestId, answer, startedNanos));
        if (!waiting) {
            call.refused(CallDispatch.OVERLOADED);
            OpenAiResponses.error(response, CallDispatch.OVERLOADED);
            return;
        }
        // The body goes out as the caller sent it: workers read stream and stream_options from it.
        dispatch.publish(requestId, admitted, ctx.request());
    }

    private boolean awaitStream(HttpServerResponse response, String requestId, ObjectNode body, long startedNanos,
                                long waitMs, ObservedCall call) {
        return new StreamingReply(vertx, response, requestId, new OpenAiStreamFormat(StreamUsage.of(body)), pending,
                waitMs, startedNanos, call).register();
    }
}
