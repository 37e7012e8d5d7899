package io.llmrouter.bridge.internal;

import java.time.Clock;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /v1/messages}: Anthropic's Messages API on the same topology. The request is translated into the
 * OpenAI chat body every part of the router reads, and the reply (or its stream) back into Anthropic's shapes.
 *
 * <p>{@code x-api-key} (like {@code Authorization: Bearer}) carries the caller's virtual key when keys are configured,
 * and is ignored in development mode; {@code anthropic-version} is accepted and not needed. The key a client sends
 * is never logged or forwarded: only its id goes on.
 */
public final class MessagesHandler implements Handler<RoutingContext> {

    private final Vertx vertx;
    private final PendingReplies pending;
    private final long timeoutMs;
    private final CallObserver observer;
    private final CallDispatch dispatch;
    private final KeyGate gate;

    public MessagesHandler(Vertx vertx, PendingReplies pending, RequestPublisher publisher, String replyTopic,
                           long timeoutMs, Clock clock, CallObserver observer, KeyGate gate) {
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
        ObservedCall call = ObservedCall.start(observer, ObservedCall.MESSAGES, startedNanos);
        String id = UUID.randomUUID().toString().replace("-", "");
        String requestId = "req-" + id;
        CallDispatch.Admitted admitted;
        try {
            admitted = CallDispatch.admit(gate, ctx, AnthropicRequest::toChatBody, timeoutMs);
        } catch (ChatRequestCheck.InvalidRequest e) {
            call.refused(e.error());
            AnthropicResponses.error(response, requestId, e.error());
            return;
        }
        ObjectNode body = admitted.body();
        boolean stream = admitted.stream();
        long waitMs = admitted.waitMs();
        call.describe(admitted.priority(), stream, admitted.keyId());
        String messageId = "msg_" + id;
        String model = body.path("model").asText();
        boolean waiting = stream
                ? new StreamingReply(vertx, response, requestId, new AnthropicStream(messageId, model), pending,
                        waitMs, startedNanos, call).register()
                : dispatch.awaitReply(response, requestId, call, waitMs, answer ->
                        AnthropicResponses.reply(response, requestId, messageId, model, answer, startedNanos));
        if (!waiting) {
            call.refused(CallDispatch.OVERLOADED);
            AnthropicResponses.error(response, requestId, CallDispatch.OVERLOADED);
            return;
        }
        if (stream) {
            response.putHeader(AnthropicResponses.REQUEST_ID_HEADER, requestId);
        }
        dispatch.publish(requestId, admitted, ctx.request());
    }
}
